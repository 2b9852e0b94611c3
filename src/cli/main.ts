#!/usr/bin/env node
// `airlock <command>`: the entry point; each command lives in its own file.
import { isAirlockError } from '../errors.js';

/** The commands, loaded on demand so `airlock run` does not pay for the server's imports. */
const commands: Record<string, { summary: string; load: () => Promise<{ main(argv: string[]): Promise<number> }> }> = {
  run: { summary: 'run one program in a fresh box', load: () => import('./run.js') },
  judge: { summary: 'judge a solution against a problem package', load: () => import('./judge.js') },
  languages: { summary: 'list languages and whether they are installed', load: () => import('./languages.js') },
  doctor: { summary: 'check that this host can build boxes', load: () => import('./doctor.js') },
  serve: { summary: 'run the HTTP service (alone, or as an API node of a cluster)', load: () => import('./serve.js') },
  worker: { summary: "run a cluster's boxes: jobs from Redis, results to PostgreSQL", load: () => import('./worker.js') },
  keys: { summary: 'create, list and revoke API keys', load: () => import('./keys.js') },
};

function usage(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(12)}${c.summary}`);
  return `Usage: airlock <command> [options]\n\nCommands:\n${rows.join('\n')}\n\nRun "airlock <command> --help" for a command's options.\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`airlock: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  return (await command.load()).main(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (isAirlockError(err)) process.stderr.write(`airlock: ${err.message} (${err.code})\n`);
    else process.stderr.write(`airlock: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = isAirlockError(err) && err.statusCode < 500 ? 2 : 1;
  },
);
