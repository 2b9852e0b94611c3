// One interactive run: a WebSocket session wired to the terminal (input in, output out) and the status line.
import type { ApiError } from '../api/client.js';
import { errorBox } from '../api/errors.js';
import { runFailure } from '../api/runs.js';
import { startStream, type StreamSession } from '../api/stream.js';
import type { RunRequest } from '../api/types.js';
import { ending, type Output } from './output.js';
import type { TerminalPane as Terminal } from './terminal-pane.js';

/**
 * A person types slower than a program reads: the default wall-time limit (10 s) would end most sessions
 * mid-sentence. Ask for a minute; a server whose ceiling is lower refuses before anything runs, and then
 * the session starts again with the server's default.
 */
const TYPING_WALL_TIME = 60;

/** Start an interactive run; `onEnd` is called once when it is over. Returns the function that stops it. */
export function runInteractive(req: Omit<RunRequest, 'stdin'>, output: Output, terminal: Terminal, onEnd: () => void): () => void {
  let session: StreamSession | undefined;
  let stopped = false;
  const end = () => {
    terminal.detach();
    onEnd();
  };
  const start = (r: Omit<RunRequest, 'stdin'>, retry: boolean) => {
    session = startStream(r, {
      output: (stream, text) => terminal.write(stream, text),
      result: (done) => {
        const failure = runFailure(done);
        // Stop is what the person asked for: said plainly, not as an error with a request id.
        if (failure && stopped && done.state === 'cancelled') output.clear('Stopped.');
        else if (failure) output.message(errorBox(failure));
        else {
          const res = done.result!;
          const compile = res.compile && res.status === 'CE' ? [res.compile.stdout, res.compile.stderr].filter(Boolean).join('\n') : '';
          if (compile) terminal.write('stderr', compile);
          output.summary(res);
          terminal.write('note', `\n[${res.status}: ${ending(res)}]\n`);
        }
        end();
      },
      error: (e: ApiError) => {
        if (retry && !stopped && e.code === 'AIRLOCK_ERR_OVER_CEILING') return start(req, false);
        output.message(errorBox(e));
        end();
      },
    });
  };
  output.running('Running: type in the terminal below.');
  start(req.limits?.wallTime ? req : { ...req, limits: { ...req.limits, wallTime: TYPING_WALL_TIME } }, !req.limits?.wallTime);
  terminal.attach(
    (line) => session?.send(line),
    () => session?.eof(),
    (cols, rows) => session?.resize(cols, rows),
  );
  return () => {
    stopped = true;
    session?.cancel();
  };
}
