// One error answer for everything: { error: { code, message, requestId } } with the catalogue's status; never a stack trace.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AirlockError, isAirlockError } from '../errors.js';
import type { Metrics } from '../service/metrics.js';

/** Fastify's own error codes, mapped onto the catalogue. */
function fromFastify(err: FastifyError): AirlockError | undefined {
  if (err.validation) {
    const first = err.validation[0];
    const where = `${err.validationContext ?? 'body'}${first?.instancePath ?? ''}`;
    return new AirlockError('AIRLOCK_ERR_BAD_REQUEST', `${where} ${first?.message ?? 'is invalid'}`.trim());
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AirlockError('AIRLOCK_ERR_BODY_TOO_LARGE', err.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AirlockError('AIRLOCK_ERR_UNSUPPORTED_MEDIA_TYPE', err.message);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AirlockError('AIRLOCK_ERR_MALFORMED_JSON', 'the body is empty');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AirlockError('AIRLOCK_ERR_MALFORMED_JSON', err.message);
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return new AirlockError('AIRLOCK_ERR_BAD_REQUEST', err.message);
  return undefined;
}

/** Send an AirlockError as the API's error body. */
export function sendError(reply: FastifyReply, err: AirlockError): FastifyReply {
  if (err.retryAfter !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(err.retryAfter))));
  return reply.code(err.statusCode).send({ error: { ...err.details, code: err.code, message: err.message, requestId: String(reply.request.id) } });
}

/** Install the error and not-found handlers. */
export function installErrorHandlers(app: FastifyInstance, metrics: Metrics): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const known = isAirlockError(err) ? err : fromFastify(err);
    if (known) {
      metrics.rejected.inc({ code: known.code });
      if (known.statusCode >= 500) req.log.error({ err }, known.message);
      return sendError(reply, known);
    }
    // Our failure: the log gets the stack, the caller gets the request id to quote.
    req.log.error({ err }, 'unhandled error');
    metrics.rejected.inc({ code: 'AIRLOCK_ERR_INTERNAL' });
    return sendError(reply, new AirlockError('AIRLOCK_ERR_INTERNAL', `see the service log for request ${req.id}`));
  });
  app.setNotFoundHandler((req, reply) => sendError(reply, new AirlockError('AIRLOCK_ERR_NOT_FOUND', `${req.method} ${req.url.split('?')[0]}`)));
}
