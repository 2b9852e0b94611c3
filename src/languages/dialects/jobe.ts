// Jobe's compilers: C and C++ without optimisation, its default flags as the {options} the Jobe route fills in when the
// caller gives no compileargs (Jobe's compileargs replace its defaults rather than add to them); Python and PHP get
// Jobe's syntax check (py_compile, php -l) as a compile stage, so a syntax error is a compile error (outcome 11).
/** Language id → compile argv on the Jobe route. */
export const jobe: Readonly<Record<string, readonly string[]>> = {
  c: ['gcc', '{options}', '-o', 'main', '{sources}', '-lm'],
  cpp: ['g++', '{options}', '-o', 'main', '{sources}', '-lm'],
  // Checks only the main file, as Jobe does; the run box then gets this box's /box (with the .pyc, unused by -B).
  python3: ['python3', '-m', 'py_compile', '{source}'],
  // -n as the run command; errors to stderr so that cmpinfo carries the parse error.
  php: ['php', '-n', '-d', 'display_errors=stderr', '-l', '{source}'],
};

/**
 * Jobe's default compileargs per language (CTask, CppTask), used when a run_spec gives none. GCC 12 put
 * -Winfinite-recursion into -Wall, which -Werror turns into a compile error where Jobe's own test suite (written
 * against an older GCC) expects the program to run and overflow its stack (outcome 12): that one warning is off.
 */
export const jobeDefaultCompileArgs: Readonly<Record<string, readonly string[]>> = {
  c: ['-Wall', '-Werror', '-Wno-infinite-recursion', '-std=c99', '-x', 'c'],
  cpp: ['-Wall', '-Werror', '-Wno-infinite-recursion'],
};
