// Jobe's refusals: a status and a message, sent as a JSON string (Jobe's whole error body).

/** Jobe refuses the request: its status and its message. */
export class JobeError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}
