// One interactive run: a WebSocket session wired to the terminal (input in, output out) and the status line.
import type { ApiError } from '../api/client.js';
import { errorBox } from '../api/errors.js';
import { runFailure } from '../api/runs.js';
import { startStream, type StreamSession } from '../api/stream.js';
import type { RunRequest } from '../api/types.js';
import { defaultRunLimits } from '../../../src/sandbox/limits.js';
import { h } from '../ui/dom.js';
import { ending, type Output } from './output.js';
import type { TerminalPane } from './terminal-pane.js';

/**
 * A person types slower than a program reads: the default wall-time limit (10 s) would end most sessions
 * mid-sentence. Ask for a minute; a server whose ceiling is lower refuses before anything runs, and then
 * the session starts again with the server's default.
 */
const TYPING_WALL_TIME = 60;
/** The server's default wall time (src/sandbox/limits.ts), counted down when the minute is refused. */
const defaultWallTime = defaultRunLimits.wallTime;

/** Seconds left under which the countdown is shown as a warning. */
const WARN_AT = 10;

/**
 * Start an interactive run; `onEnd` is called once when it is over. Returns the function that stops it.
 * A compiled language first says "Compiling…"; once the program runs, the time left before its wall-time limit
 * ends it is counted down, so an idle session's end is no surprise.
 */
export function runInteractive(req: Omit<RunRequest, 'stdin'>, compiled: boolean, output: Output, terminal: TerminalPane, onEnd: () => void): () => void {
  let session: StreamSession | undefined;
  let stopped = false;
  let tick: ReturnType<typeof setInterval> | undefined;
  const end = () => {
    clearInterval(tick);
    terminal.detach();
    onEnd();
  };
  /** The program is running: say so, and count down its wall time. */
  const running = (wallTime: number) => {
    if (tick !== undefined) return;
    output.running('Running: type in the terminal below.');
    const left = h('span', { class: 'countdown', 'data-left': wallTime });
    output.note(left);
    const endsAt = Date.now() + wallTime * 1000;
    const show = () => {
      const s = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
      left.dataset.left = String(s);
      left.textContent = `ends in ${s} s (wall-time limit ${wallTime} s)`;
      left.classList.toggle('warn-text', s <= WARN_AT);
    };
    show();
    tick = setInterval(show, 1000);
  };
  const start = (r: Omit<RunRequest, 'stdin'>, retry: boolean) => {
    const wall = r.limits?.wallTime ?? defaultWallTime;
    session = startStream(r, {
      started: () => {
        if (!compiled) running(wall);
      },
      compiled: (status) => {
        if (status === 'OK') running(wall);
      },
      output: (stream, text) => {
        // A server without the "compiled" message: output means the program runs.
        if (compiled) running(wall);
        terminal.write(stream, text);
      },
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
  output.running(compiled ? 'Compiling…' : 'Starting…');
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
