// Callback URLs: only http(s), and (unless allowed) never an address inside the host or its private networks.
import { lookup as dnsLookup, type LookupAddress, type LookupOneOptions } from 'node:dns';
import { isIP } from 'node:net';
import { isPrivateAddress } from './address-class.js';
import { AirlockError } from '../errors.js';

// Threat: SSRF. A caller names a URL that reaches the loopback, the cloud metadata service (169.254.169.254),
// or the private network behind the service, and uses our webhook POST to poke at it. The rule itself is in
// address-class.ts; it is checked on the URL at submit time and on every address DNS answers at delivery.
export { isPrivateAddress } from './address-class.js';

/** Check a callback URL's form when the run is accepted (the address is checked again at each delivery). */
export function checkCallbackUrl(text: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AirlockError('AIRLOCK_ERR_BAD_CALLBACK_URL', 'not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AirlockError('AIRLOCK_ERR_BAD_CALLBACK_URL', 'only http and https');
  if (url.username || url.password) throw new AirlockError('AIRLOCK_ERR_BAD_CALLBACK_URL', 'no credentials in the URL');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && isIP(host) && isPrivateAddress(host)) throw new AirlockError('AIRLOCK_ERR_BAD_CALLBACK_URL', 'private or loopback address');
  if (!allowPrivate && (host === 'localhost' || host.endsWith('.localhost'))) throw new AirlockError('AIRLOCK_ERR_BAD_CALLBACK_URL', 'loopback host');
  return url;
}

/** A dns.lookup for http.request that refuses private answers, so DNS rebinding cannot turn a checked name into 127.0.0.1. */
export function guardedLookup(allowPrivate: boolean) {
  return (
    hostname: string,
    options: LookupOneOptions,
    callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const ok = addresses.filter((a) => allowPrivate || !isPrivateAddress(a.address));
      if (!ok.length) return callback(Object.assign(new Error(`${hostname} resolves only to private addresses`), { code: 'EPRIVATE' }), '', 0);
      if ((options as { all?: boolean }).all) return callback(null, ok);
      callback(null, ok[0]!.address, ok[0]!.family);
    });
  };
}
