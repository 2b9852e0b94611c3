// The one catalogue of airlock's errors. Codes are stable: clients match on them.
// docs/errors.md lists the same table; test/errors.test.ts keeps the two in step.

/** Every error airlock reports: the code, its HTTP status, and a message template (%s = detail). */
export const catalogue = {
  AIRLOCK_ERR_SANDBOX_FAILED: { status: 500, message: 'The sandbox failed: %s' },
  AIRLOCK_ERR_SANDBOX_MISSING: { status: 500, message: 'The sandbox launcher is not built or not executable: %s' },
  AIRLOCK_ERR_NO_SLOT: { status: 503, message: 'No sandbox slot is free: %s' },
  AIRLOCK_ERR_UNKNOWN_LANGUAGE: { status: 400, message: 'Unknown language: %s' },
  AIRLOCK_ERR_LANGUAGE_NOT_INSTALLED: { status: 400, message: 'Language is not installed on this host: %s' },
  AIRLOCK_ERR_CANNOT_INFER_LANGUAGE: { status: 400, message: 'Cannot infer the language of %s; pass one explicitly' },
  AIRLOCK_ERR_BAD_FILE_NAME: { status: 400, message: 'Bad file name: %s' },
  AIRLOCK_ERR_BAD_LIMIT: { status: 400, message: 'Bad limit: %s' },
  AIRLOCK_ERR_EMPTY_SOURCE: { status: 400, message: 'The source is empty' },
  AIRLOCK_ERR_SOURCE_TOO_LARGE: { status: 413, message: 'The source is too large: %s' },
  AIRLOCK_ERR_BAD_ARGUMENT: { status: 400, message: 'Bad argument: %s' },
  AIRLOCK_ERR_CANCELLED: { status: 409, message: 'The run was cancelled' },
  AIRLOCK_ERR_BAD_PROBLEM: { status: 400, message: 'The problem package is invalid: %s' },
} as const;

export type ErrorCode = keyof typeof catalogue;

/** An error from the catalogue; `statusCode` is what the HTTP layer answers with. */
export class AirlockError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly detail: string | undefined;

  constructor(code: ErrorCode, detail?: string, options?: { cause?: unknown }) {
    const entry = catalogue[code];
    super(entry.message.replace('%s', detail ?? ''), options);
    this.name = 'AirlockError';
    this.code = code;
    this.statusCode = entry.status;
    this.detail = detail;
  }
}

/** Whether a value is an AirlockError with the given code. */
export function isAirlockError(err: unknown, code?: ErrorCode): err is AirlockError {
  return err instanceof AirlockError && (code === undefined || err.code === code);
}
