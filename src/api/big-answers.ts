// Big JSON answers go out as a stream: the route's schema shapes them as its serialiser would, a piece at a time.
import type { FastifyReply } from 'fastify';
import { holdsMoreText, type ShapeSchema } from './json-pieces.js';
import { jsonStream } from './json-stream.js';
import type { App } from './types.js';

/** Answers whose strings hold more than this many characters are streamed; smaller ones take the usual serialiser. */
export const STREAM_ABOVE = 1024 * 1024;

/** The response schema the route declares for this status (exact, then 2xx-style, then default), if any. */
function responseSchema(reply: FastifyReply): ShapeSchema | undefined {
  const byStatus = (reply.routeOptions.schema as { response?: Record<string, ShapeSchema> } | undefined)?.response;
  if (!byStatus) return undefined;
  const code = String(reply.statusCode);
  return byStatus[code] ?? byStatus[`${code[0]}xx`] ?? byStatus.default;
}

/**
 * Stream every JSON answer (native and compatibility APIs alike) that carries more than STREAM_ABOVE characters of text.
 * Threat: a 16 MiB output answered as one string was held four times over while it was written (the result's text,
 * its escaped copy, the flattened answer, the bytes for the socket): four clients reading big results pushed the
 * service past its memory target. Streamed, an answer holds the result and one slice in flight.
 */
export function installBigAnswers(app: App): void {
  app.addHook('preSerialization', async (_req, reply, payload) => {
    if (holdsMoreText(payload, STREAM_ABOVE)) {
      const schema = responseSchema(reply);
      // The stream replaces the serialiser's string; fastify sends a stream as it comes (chunked, no length).
      reply.serializer(((value: unknown) => jsonStream(value, schema)) as unknown as (payload: unknown) => string);
    }
    return payload;
  });
}
