// The compile stage: the compiler runs the attacker's input, so it gets a box and limits of its own.
import type { BoxLimits } from '../../../src/sandbox/limits.js';
import type { Attack } from './types.js';

const MB = 1024 * 1024;
/** Tighter than the defaults so the catalogue stays quick; the bombs must hit a limit either way. */
const compileLimits: Partial<BoxLimits> = { cpuTime: 2, wallTime: 4, memory: 512 * MB };

/** Each one attacks the compiler through the source (the engine compiles it in a box, then runs it). */
export const compile: Attack[] = [
  {
    name: 'c-include-dev-zero',
    category: 'compile',
    lang: 'c',
    source: 'c/include-dev-zero.c',
    threat: '#include "/dev/zero": the preprocessor reads forever',
    expect: ['CE'],
    engine: { compileLimits },
  },
  {
    name: 'c-include-host-secrets',
    category: 'compile',
    lang: 'c',
    source: 'c/include-host-file.c',
    threat: '#include of host secrets so that errors quote them',
    expect: ['CE'],
    engine: { compileLimits },
  },
  {
    name: 'c-include-proc-environ',
    category: 'compile',
    lang: 'c',
    source: 'c/include-proc-environ.c',
    threat: '#include "/proc/self/environ": the compiler\'s environment in its errors (GCC reads proc files as empty)',
    expect: ['OK', 'CE'],
    engine: { compileLimits },
  },
  {
    name: 'c-macro-bomb',
    category: 'compile',
    lang: 'c',
    source: 'c/macro-bomb.c',
    threat: 'exponential macro expansion',
    expect: ['CE'],
    engine: { compileLimits },
  },
  {
    name: 'c-huge-binary',
    category: 'compile',
    lang: 'c',
    source: 'c/huge-binary.c',
    threat: 'a 1.5 GiB initialised array: a huge object file',
    expect: ['CE'],
    engine: { compileLimits },
  },
  {
    name: 'cpp-template-bomb',
    category: 'compile',
    lang: 'cpp',
    source: 'cpp/template-bomb.cpp',
    threat: 'endless recursive templates (the seed footnote)',
    expect: ['CE'],
    engine: { compileLimits },
  },
  {
    name: 'cpp-constexpr-loop',
    category: 'compile',
    lang: 'cpp',
    source: 'cpp/constexpr-loop.cpp',
    threat: 'code run by the compiler: an endless constexpr loop',
    expect: ['CE'],
    engine: { compileLimits },
  },
];
