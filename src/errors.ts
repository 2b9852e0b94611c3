// The one catalogue of airlock's errors. Codes are stable: clients match on them.
// docs/errors.md lists the same table; test/errors.test.ts keeps the two in step.

/** Every error airlock reports: the code, its HTTP status, and a message template (%s = detail). */
export const catalogue = {
  AIRLOCK_ERR_SANDBOX_FAILED: { status: 500, message: 'The sandbox failed: %s' },
  AIRLOCK_ERR_SANDBOX_MISSING: { status: 500, message: 'The sandbox launcher is not built or not executable: %s' },
  AIRLOCK_ERR_UNSAFE_DIRECTORY: { status: 500, message: 'Refused a directory another user could change: %s' },
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
  AIRLOCK_ERR_BAD_CONFIG: { status: 400, message: 'Bad configuration: %s' },
  AIRLOCK_ERR_MALFORMED_JSON: { status: 400, message: 'The body is not valid JSON: %s' },
  AIRLOCK_ERR_BAD_REQUEST: { status: 400, message: 'The request does not match the schema: %s' },
  AIRLOCK_ERR_INVALID_TEXT: { status: 400, message: 'Text is not valid UTF-8: %s' },
  AIRLOCK_ERR_BAD_ENCODING: { status: 400, message: 'Not valid base64: %s' },
  AIRLOCK_ERR_BODY_TOO_LARGE: { status: 413, message: 'The request body is too large: %s' },
  AIRLOCK_ERR_STDIN_TOO_LARGE: { status: 413, message: 'The standard input is too large: %s' },
  AIRLOCK_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Unsupported content type: %s' },
  AIRLOCK_ERR_NOT_FOUND: { status: 404, message: 'Not found: %s' },
  AIRLOCK_ERR_RUN_NOT_FOUND: { status: 404, message: 'No run with id %s' },
  AIRLOCK_ERR_RUN_FINISHED: { status: 409, message: 'The run has already finished: %s' },
  AIRLOCK_ERR_PROBLEM_NOT_FOUND: { status: 404, message: 'No problem with id %s' },
  AIRLOCK_ERR_SUBMISSION_NOT_FOUND: { status: 404, message: 'No submission with id %s' },
  AIRLOCK_ERR_SUBMISSION_FINISHED: { status: 409, message: 'The submission has already finished: %s' },
  AIRLOCK_ERR_BAD_ARCHIVE: { status: 400, message: 'Not a readable archive: %s' },
  AIRLOCK_ERR_ARCHIVE_UNSAFE: { status: 400, message: 'The archive holds an entry that is refused: %s' },
  AIRLOCK_ERR_ARCHIVE_TOO_LARGE: { status: 413, message: 'The archive unpacks beyond a limit: %s' },
  AIRLOCK_ERR_KEY_NOT_FOUND: { status: 404, message: 'No API key with id %s' },
  AIRLOCK_ERR_UNAUTHORIZED: { status: 401, message: 'A valid API key is required: %s' },
  AIRLOCK_ERR_FORBIDDEN: { status: 403, message: 'Not allowed for this API key: %s' },
  AIRLOCK_ERR_OVER_CEILING: { status: 400, message: 'Limit above the ceiling: %s' },
  AIRLOCK_ERR_BAD_CALLBACK_URL: { status: 400, message: 'Bad callback URL: %s' },
  AIRLOCK_ERR_RATE_LIMITED: { status: 429, message: 'Too many requests: %s' },
  AIRLOCK_ERR_QUOTA_EXCEEDED: { status: 429, message: 'Quota exceeded: %s' },
  AIRLOCK_ERR_STORAGE_QUOTA_EXCEEDED: { status: 429, message: 'Storage quota exceeded: %s' },
  AIRLOCK_ERR_BATCH_TOO_LARGE: { status: 413, message: 'The batch would answer more output than this server sends at once: %s' },
  AIRLOCK_ERR_QUEUE_FULL: { status: 429, message: 'The queue is full: %s' },
  AIRLOCK_ERR_NOT_IMPLEMENTED: { status: 501, message: 'Not available on this server yet: %s' },
  AIRLOCK_ERR_SHUTTING_DOWN: { status: 503, message: 'The service is shutting down' },
  AIRLOCK_ERR_INTERNAL: { status: 500, message: 'Internal error: %s' },
} as const;

export type ErrorCode = keyof typeof catalogue;

/** An error from the catalogue; `statusCode` is what the HTTP layer answers with. */
export class AirlockError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly detail: string | undefined;
  /** Seconds after which a retry may succeed (queue full, rate limited): sent as Retry-After. */
  readonly retryAfter: number | undefined;
  /** Structured detail sent along in the error body (a package's errors[]). */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, detail?: string, options?: { cause?: unknown; retryAfter?: number; details?: Record<string, unknown> }) {
    const entry = catalogue[code];
    super(entry.message.replace('%s', detail ?? ''), options);
    this.name = 'AirlockError';
    this.code = code;
    this.statusCode = entry.status;
    this.detail = detail;
    this.retryAfter = options?.retryAfter;
    this.details = options?.details;
  }
}

/**
 * An error as it was recorded (a failed run's code and message, stored apart): the message is kept as it is, never
 * put through the template again (which would say "The sandbox failed: The sandbox failed: ...").
 */
export function recordedError(code: ErrorCode, message: string): AirlockError {
  const err = new AirlockError(code);
  err.message = message;
  return err;
}

/** Whether a value is an AirlockError with the given code. */
export function isAirlockError(err: unknown, code?: ErrorCode): err is AirlockError {
  return err instanceof AirlockError && (code === undefined || err.code === code);
}
