// What each error code means for the person at the page, and what to do about it.
// Every AIRLOCK_ERR_* in src/errors.ts has a line here: test/web/errors.test.ts keeps them in step.
import { h } from '../ui/dom.js';
import { ApiError } from './client.js';

/** Plain words per code; the server's own message follows as the detail. */
export const explanations: Readonly<Record<string, string>> = {
  AIRLOCK_ERR_SANDBOX_FAILED:
    'The sandbox failed to run this. The fault is the server’s, not your program’s: try again, and tell the operator if it keeps happening.',
  AIRLOCK_ERR_SANDBOX_MISSING: 'The server’s sandbox launcher is not installed, so nothing can run. The operator needs to run ./setup.sh.',
  AIRLOCK_ERR_UNSAFE_DIRECTORY:
    'The server refused to use one of its own directories because another user could change it. The fault is the server’s: tell the operator.',
  AIRLOCK_ERR_NO_SLOT: 'Every sandbox is busy. Try again in a moment.',
  AIRLOCK_ERR_UNKNOWN_LANGUAGE: 'The server does not know this language. Pick another one.',
  AIRLOCK_ERR_LANGUAGE_NOT_INSTALLED:
    'This language is not installed on the server. Pick another one, or ask the operator to install it (./setup.sh --languages).',
  AIRLOCK_ERR_CANNOT_INFER_LANGUAGE: 'The server could not tell the language. Pick one in the list.',
  AIRLOCK_ERR_BAD_FILE_NAME: 'A file name was refused.',
  AIRLOCK_ERR_BAD_LIMIT: 'A limit is out of range.',
  AIRLOCK_ERR_EMPTY_SOURCE: 'There is no code to run: write some in the editor first.',
  AIRLOCK_ERR_SOURCE_TOO_LARGE: 'The code is larger than the server accepts. Make it shorter.',
  AIRLOCK_ERR_BAD_ARGUMENT: 'An argument was refused (arguments cannot contain NUL characters).',
  AIRLOCK_ERR_CANCELLED: 'The run was cancelled before it finished.',
  AIRLOCK_ERR_BAD_PROBLEM: 'The problem package is invalid.',
  AIRLOCK_ERR_BAD_CONFIG: 'The server’s configuration is invalid.',
  AIRLOCK_ERR_MALFORMED_JSON: 'The page sent something the server could not read. Reload the page and try again.',
  AIRLOCK_ERR_BAD_REQUEST: 'The server refused the request as malformed. Reload the page; if it persists, this page and the server disagree.',
  AIRLOCK_ERR_INVALID_TEXT: 'The code, input or arguments contain text that is not valid UTF-8.',
  AIRLOCK_ERR_BAD_ENCODING: 'Some data was not valid base64.',
  AIRLOCK_ERR_BODY_TOO_LARGE: 'The code and input together are larger than the server accepts.',
  AIRLOCK_ERR_STDIN_TOO_LARGE: 'The input is larger than the server accepts. Make it shorter.',
  AIRLOCK_ERR_UNSUPPORTED_MEDIA_TYPE: 'The server refused the content type of the request.',
  AIRLOCK_ERR_NOT_FOUND: 'Not found on this server.',
  AIRLOCK_ERR_RUN_NOT_FOUND: 'That run is not on the server (finished runs are deleted after a few days).',
  AIRLOCK_ERR_RUN_FINISHED: 'The run had already finished.',
  AIRLOCK_ERR_KEY_NOT_FOUND: 'That API key does not exist.',
  AIRLOCK_ERR_UNAUTHORIZED: 'This server needs an API key, and this page runs without one. Ask the operator for access.',
  AIRLOCK_ERR_FORBIDDEN: 'Not allowed for your access on this server (a language or feature it does not permit).',
  AIRLOCK_ERR_OVER_CEILING: 'A limit is above what this server allows.',
  AIRLOCK_ERR_BAD_CALLBACK_URL: 'The callback URL was refused.',
  AIRLOCK_ERR_RATE_LIMITED: 'Too many runs in a short time. Wait a little and try again.',
  AIRLOCK_ERR_QUOTA_EXCEEDED: 'The quota of runs for today is used up. Try again tomorrow (UTC).',
  AIRLOCK_ERR_STORAGE_QUOTA_EXCEEDED: 'The results you keep on this server use up your storage. Older ones are deleted after a few days; try again then.',
  AIRLOCK_ERR_BATCH_TOO_LARGE: 'These runs together may print more than the server answers at once. Ask for less output per run, or fewer runs.',
  AIRLOCK_ERR_QUEUE_FULL: 'The server’s queue is full. Try again in a little while.',
  AIRLOCK_ERR_NOT_IMPLEMENTED: 'This server does not offer that yet.',
  AIRLOCK_ERR_SHUTTING_DOWN: 'The server is restarting. Try again in a few seconds.',
  AIRLOCK_ERR_PROBLEM_NOT_FOUND: 'There is no such problem on this server (it may have been removed).',
  AIRLOCK_ERR_SUBMISSION_NOT_FOUND: 'That submission is not on the server any more.',
  AIRLOCK_ERR_SUBMISSION_FINISHED: 'The submission had already finished.',
  AIRLOCK_ERR_BAD_ARCHIVE: 'The problem archive could not be read.',
  AIRLOCK_ERR_ARCHIVE_UNSAFE: 'The problem archive holds an entry that is refused (a link, a device, or a path outside the package).',
  AIRLOCK_ERR_ARCHIVE_TOO_LARGE: 'The problem archive unpacks to more than the server allows.',
  AIRLOCK_ERR_INTERNAL: 'The server failed. The fault is the server’s, not yours: try again, and give the operator the request id if it keeps happening.',
  // Failures before an answer, made by this page.
  AIRLOCK_WEB_NETWORK: 'The service cannot be reached. Check that it is running and that you are online.',
  AIRLOCK_WEB_HTTP: 'Something between this page and the service failed.',
  AIRLOCK_WEB_ABORTED: 'Stopped before it finished.',
  AIRLOCK_WEB_LIMIT: 'A limit is outside the range this server accepts: nothing was sent.',
  AIRLOCK_WEB_STREAM: 'The connection for the interactive run closed before the result came.',
};

/** An alert box for an error: the plain-words line, the server's detail, the retry delay and request id when there are. */
export function errorBox(e: unknown): HTMLElement {
  const err = e instanceof ApiError ? e : new ApiError('AIRLOCK_WEB_HTTP', e instanceof Error ? e.message : String(e));
  const plain = explanations[err.code] ?? 'The server refused the request.';
  return h(
    'div',
    { class: 'error', 'data-code': err.code },
    h('strong', {}, plain),
    err.message && err.message !== plain ? h('p', {}, err.message) : null,
    err.retryAfter ? h('p', {}, `You can try again in ${err.retryAfter} s.`) : null,
    h(
      'p',
      { class: 'muted small' },
      err.code.startsWith('AIRLOCK_ERR_') ? err.code : '',
      err.status ? ` · HTTP ${err.status}` : '',
      err.requestId ? ` · request ${err.requestId}` : '',
    ),
  );
}
