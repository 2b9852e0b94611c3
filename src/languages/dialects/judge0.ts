// Judge0 CE 1.13.1 compiles C and C++ with plain gcc/g++ and the caller's compiler_options, no optimisation.
/** Language id → compile argv on the Judge0 route. */
export const judge0: Readonly<Record<string, readonly string[]>> = {
  c: ['gcc', '{options}', '-o', 'main', '{sources}', '-lm'],
  cpp: ['g++', '{options}', '-o', 'main', '{sources}'],
};
