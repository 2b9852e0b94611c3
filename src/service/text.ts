// Text and bytes at the API's edge: strict UTF-8 and strict base64, never a silent replacement character.
import { AirlockError } from '../errors.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const fatal = new TextDecoder('utf-8', { fatal: true });

/** Bytes of a field sent as utf8 or base64; `what` names the field in the 400. */
export function decodeField(value: string, encoding: 'utf8' | 'base64', what: string): Buffer {
  if (encoding === 'base64') {
    // Line breaks are common in base64 from mail-era encoders (Ruby, Python's encodebytes); anything else is an error.
    const clean = value.replace(/\r?\n/g, '');
    if (clean.length % 4 !== 0 || !BASE64.test(clean)) throw new AirlockError('AIRLOCK_ERR_BAD_ENCODING', what);
    return Buffer.from(clean, 'base64');
  }
  // JSON escapes can carry half a surrogate pair, which has no UTF-8 form; Buffer.from would turn it into U+FFFD.
  if (LONE_SURROGATE.test(value)) throw new AirlockError('AIRLOCK_ERR_INVALID_TEXT', `${what} holds an unpaired surrogate`);
  return Buffer.from(value, 'utf8');
}

/** Whether bytes are valid UTF-8. */
export function isUtf8(bytes: Buffer): boolean {
  try {
    fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Request body bytes as text, refusing invalid UTF-8 instead of replacing it. */
export function bodyText(bytes: Buffer): string {
  try {
    return fatal.decode(bytes);
  } catch {
    throw new AirlockError('AIRLOCK_ERR_INVALID_TEXT', 'the request body');
  }
}
