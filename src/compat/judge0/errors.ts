// airlock's errors in Judge0's words: {"error": "..."} or, for a submission's attributes, a 422 per attribute.
import type { AirlockError } from '../../errors.js';
import { Judge0Invalid } from './invalid.js';

/** Which submission attribute a native check failure belongs to (Judge0 answers those 422). */
const FIELD: Partial<Record<string, string>> = {
  AIRLOCK_ERR_BAD_FILE_NAME: 'additional_files',
  AIRLOCK_ERR_SOURCE_TOO_LARGE: 'source_code',
  AIRLOCK_ERR_EMPTY_SOURCE: 'source_code',
  AIRLOCK_ERR_STDIN_TOO_LARGE: 'stdin',
  AIRLOCK_ERR_BAD_CALLBACK_URL: 'callback_url',
  AIRLOCK_ERR_BAD_ARGUMENT: 'command_line_arguments',
  AIRLOCK_ERR_OVER_CEILING: 'limits',
  AIRLOCK_ERR_LANGUAGE_NOT_INSTALLED: 'language_id',
  AIRLOCK_ERR_UNKNOWN_LANGUAGE: 'language_id',
};

/** Status and body for an error while handling a Judge0 request. */
export function judge0Error(err: AirlockError | Judge0Invalid): { status: number; body: unknown } {
  if (err instanceof Judge0Invalid) return { status: 422, body: err.errors };
  const field = FIELD[err.code];
  if (field) return { status: 422, body: { [field]: [err.detail ?? err.message] } };
  switch (err.code) {
    // Judge0 answers a bad or missing token with an empty 401, and a forbidden action with an empty 403.
    case 'AIRLOCK_ERR_UNAUTHORIZED':
      return { status: 401, body: '' };
    case 'AIRLOCK_ERR_QUEUE_FULL':
      return { status: 503, body: { error: 'queue is full' } };
    case 'AIRLOCK_ERR_SHUTTING_DOWN':
      return { status: 503, body: { error: 'maintenance mode is enabled' } };
    case 'AIRLOCK_ERR_RUN_NOT_FOUND':
      return { status: 404, body: { error: 'submission not found' } };
    default:
      return { status: err.statusCode, body: { error: err.message } };
  }
}
