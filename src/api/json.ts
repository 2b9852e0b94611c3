// The JSON body parser: bytes checked as UTF-8 first (no silent U+FFFD), then fastify's prototype-poisoning-safe parser.
import type { FastifyInstance } from 'fastify';
import { AirlockError } from '../errors.js';
import { bodyText } from '../service/text.js';

/** Replace the default application/json parser. */
export function installJsonParser(app: FastifyInstance): void {
  // Threat: prototype poisoning through "__proto__" and "constructor.prototype" keys; fastify's parser rejects both.
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    let text: string;
    try {
      text = bodyText(body as Buffer);
    } catch (e) {
      return done(e as Error, undefined);
    }
    if (text.trim() === '') return done(new AirlockError('AIRLOCK_ERR_MALFORMED_JSON', 'the body is empty'), undefined);
    void parse(req, text, (err, value) => {
      if (err) return done(new AirlockError('AIRLOCK_ERR_MALFORMED_JSON', err.message.replace(/^.*?: /, '')), undefined);
      done(null, value);
    });
  });
}
