// Progress of a judgement, for live tables (CLI) and streams (SSE/WebSocket in the API).
import type { CompileInfo, GroupResult, JudgeResult, TestResult } from './result.js';

/** One step of a judgement, in the order they happen. */
export type JudgeEvent =
  | { type: 'compile'; compile: CompileInfo }
  | { type: 'test'; test: TestResult }
  | { type: 'group'; group: GroupResult }
  | { type: 'done'; result: JudgeResult };

/** Turn a callback-driven run into an async iterator of its events; the run's error ends the iteration. */
export async function* eventStream(start: (onEvent: (e: JudgeEvent) => void) => Promise<unknown>): AsyncGenerator<JudgeEvent> {
  const queue: JudgeEvent[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  let failure: { error: unknown } | undefined;
  start((e) => {
    queue.push(e);
    wake?.();
  }).then(
    () => {
      finished = true;
      wake?.();
    },
    (error: unknown) => {
      failure = { error };
      finished = true;
      wake?.();
    },
  );
  for (;;) {
    while (queue.length) yield queue.shift()!;
    if (finished) break;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  }
  if (failure) throw failure.error;
}
