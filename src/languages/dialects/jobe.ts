// Jobe compiles C and C++ without optimisation; its default flags are the {options} the Jobe route fills in when the
// caller gives no compileargs (Jobe's compileargs replace its defaults rather than add to them).
/** Language id → compile argv on the Jobe route. */
export const jobe: Readonly<Record<string, readonly string[]>> = {
  c: ['gcc', '{options}', '-o', 'main', '{sources}', '-lm'],
  cpp: ['g++', '{options}', '-o', 'main', '{sources}', '-lm'],
};
