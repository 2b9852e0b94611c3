// What a checker says about one output.

/** A checker's judgement: AC or WA with a message; IE when the checker itself failed (never the user's fault). */
export interface CheckOutcome {
  verdict: 'AC' | 'WA' | 'IE';
  message: string;
  /** Fraction of the test's points, 0..1, when the checker gives partial credit (testlib's quitp). */
  score?: number;
  /** A WA that is testlib's presentation error (also its "unexpected end of file"): the format, not the content. */
  presentation?: boolean;
}

/** A checker that runs inside the service: pure, over the program's output and the expected answer. */
export type CompareFn = (output: Buffer, answer: Buffer) => CheckOutcome;

/** An AC outcome. */
export const accepted = (message: string): CheckOutcome => ({ verdict: 'AC', message });

/** A WA outcome. */
export const wrong = (message: string): CheckOutcome => ({ verdict: 'WA', message });
