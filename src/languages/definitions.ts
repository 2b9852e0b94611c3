// The languages airlock knows, as data. docs/languages.md explains each field and how to add one.
import { functional } from './defs/functional.js';
import { managed } from './defs/managed.js';
import { native } from './defs/native.js';
import { scripting } from './defs/scripting.js';
import type { Language } from './types.js';

/** What ./setup.sh installs without --languages. */
export const coreLanguages = ['c', 'cpp', 'java', 'python3', 'javascript', 'bash'];

/** Every language definition, in display order. */
export const languages: readonly Language[] = [...native, ...managed, ...scripting, ...functional];
