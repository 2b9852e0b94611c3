// Judge0's three ids that are ways of running rather than languages: 43 Plain Text, 44 Executable, 89 Multi-file
// program. Each runs on top of Bash: a fixed script of ours is the Bash program, the caller's bytes are files beside it.
import type { Judge0Kind } from './languages.js';

/** A file for the native request, content as bytes. */
export interface RawFile {
  name: string;
  content: Buffer;
}

/** The signal our multi-file script dies of when the compile script failed, so that the answer can say CE (view.ts). */
export const COMPILE_FAILED_SIGNAL = 12;

/**
 * The scripts, fixed text (the caller's bytes are never part of them). 43: `cat text.txt` with the arguments, as
 * Judge0's run_cmd. 44: the upload is a.out, made executable and run; it is a program in the box like any compiled
 * one, under the same limits and filters, so it is as safe as one (docs/compat.md). 89: Judge0 runs compile.sh (or
 * compile) as its compile step, then run.sh (or run), without the command-line arguments; here both run in one box,
 * and a failed compile script is reported as a compile error through COMPILE_FAILED_SIGNAL.
 */
const SCRIPTS: Record<Exclude<Judge0Kind, 'language'>, string> = {
  text: 'exec cat text.txt "$@"\n',
  // The upload is not the box user's to chmod: a copy is (the box's /tmp, which counts against its disk limit).
  executable: 'cp a.out /tmp/a.out && chmod +x /tmp/a.out && exec /tmp/a.out "$@"\n',
  project: [
    'c=',
    'if [ -f compile.sh ]; then c=compile.sh; elif [ -f compile ]; then c=compile; fi',
    'if [ -n "$c" ]; then',
    '  if ! out=$(bash "$c" </dev/null 2>&1); then printf "%s\\n" "$out"; kill -USR2 $$; fi',
    'fi',
    'if [ ! -f run.sh ] && [ -f run ]; then exec bash run; fi',
    'exec bash run.sh',
    '',
  ].join('\n'),
};

/** Where the caller's source goes for each kind (a project has none: its files come from additional_files). */
const SOURCE_NAME: Record<Exclude<Judge0Kind, 'language' | 'project'>, string> = { text: 'text.txt', executable: 'a.out' };

/** The native files for a kind: our script first (the Bash program), then the caller's source under Judge0's name. */
export function kindFiles(kind: Exclude<Judge0Kind, 'language'>, source: Buffer): RawFile[] {
  const script = { name: 'main.sh', content: Buffer.from(SCRIPTS[kind]) };
  return kind === 'project' ? [script] : [script, { name: SOURCE_NAME[kind], content: source }];
}

/** Which of a stored run's files is the caller's source_code: the first for a language, the second for 43 and 44. */
export function sourceIndex(kind: Judge0Kind | undefined): number | undefined {
  if (kind === 'project') return undefined;
  return kind === 'text' || kind === 'executable' ? 1 : 0;
}
