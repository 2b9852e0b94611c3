// Small helpers for command-line parsing with node:util parseArgs.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AirlockError } from '../errors.js';

/** parseArgs with strict checking; unknown options become AIRLOCK_ERR_BAD_ARGUMENT. */
export function parse<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>({
      args: argv,
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new AirlockError('AIRLOCK_ERR_BAD_ARGUMENT', (e as Error).message);
  }
}

/** A positive number from an option, or undefined when absent. */
export function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new AirlockError('AIRLOCK_ERR_BAD_ARGUMENT', `--${name} wants a positive number, got "${value}"`);
  return n;
}
