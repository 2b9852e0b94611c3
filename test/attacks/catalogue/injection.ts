// Injection that reaches the engine: compiler options, program arguments, file names, the result record.
import type { Attack } from './types.js';

/** Arguments that a shell would interpret; they must reach the program verbatim. */
const shellish = ['a;b', '$(touch /tmp/airlock-pwned)', '`id`', 'x\ny', '| cat /etc/passwd', '&& reboot', '${HOME}', "'quoted'", '*', '--help', '-rf /', '../../etc/passwd'];
const echoed = shellish.map((a) => `${a.length}:${a}\n`).join('');

/** File names that try to leave the staging directory or confuse a later tool. */
const badNames = ['../escape.c', '/etc/cron.d/airlock.c', 'a/../../escape.c', 'dir/../../../escape.c', '.bashrc', '-rf.c',
  'x\ny.c', 'a\0b.c', 'main.c;rm -rf ~', '$(id).c', 'C:\\x.c', '..', 'a//b.c', 'a/./b.c', 'sub/', ' space.c'];

/** Each one smuggles syntax or paths through a field the API accepts. */
export const injection: Attack[] = [
  { name: 'c-argv-shell-syntax', category: 'injection', lang: 'c', source: 'c/argv-echo.c', threat: 'program arguments with ; $() backticks newlines and globs', expect: ['OK'], stdoutExact: echoed, engine: { args: shellish } },
  { name: 'python-argv-shell-syntax', category: 'injection', lang: 'python3', source: 'python/argv_echo.py', threat: 'program arguments with shell syntax, to an interpreter', expect: ['OK'], stdoutExact: echoed, engine: { args: shellish } },
  { name: 'c-argv-nul', category: 'injection', lang: 'c', source: 'c/argv-echo.c', threat: 'an argument with a NUL byte (truncation tricks)', expect: ['REJECTED'], engine: { args: ['a\0b'] } },
  { name: 'c-compile-options-shell-syntax', category: 'injection', lang: 'c', source: 'c/options-echo.c', threat: 'compiler options with ; $() backticks and pipes', expect: ['OK'],
    stdoutExact: 'a;b $(touch /tmp/airlock-pwned) `id` | x\nx\ny\n', engine: { compileOptions: ['-DMSG="a;b $(touch /tmp/airlock-pwned) `id` | x"', '-DNL="x\\ny"'] } },
  { name: 'c-compile-options-newline', category: 'injection', lang: 'c', source: 'c/options-echo.c', threat: 'a compiler option with a newline that injects a preprocessor line', expect: ['OK', 'CE'],
    engine: { compileOptions: ['-DMSG="one"\n#include "/etc/shadow"\n', '-DNL="two"'] } },
  { name: 'c-compile-options-wrapper', category: 'injection', lang: 'c', source: 'c/hello.c', threat: 'gcc -wrapper: arbitrary commands at compile time that plant symlinks for the service', expect: ['OK'], stdoutExact: 'hello\n',
    engine: { compileOptions: ['-wrapper', '/bin/sh,-c,ln -s {secret} /box/stolen; ln -s /etc /box/etc-link; touch /tmp/airlock-pwned; exec "$0" "$@"'] } },
  { name: 'c-compile-options-response-file', category: 'injection', lang: 'c', source: 'c/hello.c', threat: 'gcc @file: read a host file as options (errors would quote it)', expect: ['CE'], engine: { compileOptions: ['@{secret}'] } },
  { name: 'c-compile-options-output-path', category: 'injection', lang: 'c', source: 'c/hello.c', threat: 'compiler options that write outside the workspace (-o /usr/bin/...)', expect: ['CE', 'RE'], engine: { compileOptions: ['-o/usr/bin/airlock-pwned', '-save-temps=/etc/airlock-pwned'] } },
  { name: 'file-name-traversal', category: 'injection', lang: 'c', source: 'c/hello.c', threat: 'file names with .., absolute paths, newlines, NUL, shell syntax', expect: ['REJECTED'], engine: { fileNames: badNames } },
  { name: 'c-forge-result-record', category: 'injection', lang: 'c', source: 'c/record-forge.c', threat: "a forged result record on stdout, stderr and fds 3-9", expect: ['RE'], stdout: /contained/ },
];
