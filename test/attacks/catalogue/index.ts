// The whole catalogue, in the order of docs/security.md's table.
import { compile } from './compile.js';
import { filesystem } from './filesystem.js';
import { injection } from './injection.js';
import { kernel } from './kernel.js';
import { leaks } from './leaks.js';
import { network } from './network.js';
import { processes } from './processes.js';
import { resources } from './resources.js';
import { tty } from './tty.js';
import type { Attack } from './types.js';

/** Every attack; names are unique. */
export const catalogue: readonly Attack[] = [...resources, ...processes, ...filesystem, ...leaks, ...network, ...kernel, ...compile, ...injection, ...tty];
