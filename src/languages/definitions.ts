// The languages airlock knows, as data. docs/languages.md explains each field.
import type { Language } from './types.js';

/** Every language definition, in display order. */
export const languages: readonly Language[] = [
  {
    id: 'c',
    name: 'C (GCC)',
    extensions: ['.c'],
    source: 'main.c',
    compile: ['gcc', '-std=gnu17', '-O2', '-pipe', '-Wall', '{options}', '-o', 'main', 'main.c', '-lm'],
    run: ['./main'],
    version: ['gcc', '-dumpfullversion'],
    packages: ['gcc', 'libc6-dev'],
  },
  {
    id: 'cpp',
    name: 'C++ (G++)',
    extensions: ['.cpp', '.cc', '.cxx', '.c++'],
    source: 'main.cpp',
    compile: ['g++', '-std=gnu++17', '-O2', '-pipe', '-Wall', '{options}', '-o', 'main', 'main.cpp'],
    run: ['./main'],
    version: ['g++', '-dumpfullversion'],
    packages: ['g++'],
  },
  {
    id: 'python3',
    name: 'Python 3',
    extensions: ['.py'],
    source: 'main.py',
    run: ['python3', '-B', 'main.py'],
    version: ['python3', '--version'],
    packages: ['python3'],
    env: { PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1', PYTHONIOENCODING: 'utf-8' },
  },
];
