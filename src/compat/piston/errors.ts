// Piston's one error shape: a status (400 unless said) and {"message"}.

/** A request Piston refuses: 400 with {"message"}. */
export class PistonError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}
