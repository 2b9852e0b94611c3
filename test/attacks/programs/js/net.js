// The network from Node: TCP, UDP, HTTP and DNS towards the host; each must fail fast.
const net = require('node:net');
const dgram = require('node:dgram');
const dns = require('node:dns');
const http = require('node:http');

const [tcp, udp] = process.argv.slice(2).map(Number);
const attempts = [
  ['TCP to the host loopback', (done) => net.connect(tcp, '127.0.0.1').on('connect', () => done(true)).on('error', (e) => done(false, e))],
  ['HTTP to the host loopback', (done) => http.get(`http://127.0.0.1:${tcp}/`, () => done(true)).on('error', (e) => done(false, e))],
  ['UDP to the host loopback', (done) => {
    try {
      const s = dgram.createSocket('udp4');
      s.on('error', (e) => done(false, e));
      s.send('x', udp, '127.0.0.1', (e) => done(!e, e));
    } catch (e) { done(false, e); }
  }],
  ['DNS', (done) => dns.lookup('deb.debian.org', (e) => done(!e, e))],
];
let pending = attempts.length;
for (const [what, fn] of attempts) {
  let settled = false;
  fn((ok, e) => {
    if (settled) return;
    settled = true;
    console.log(ok ? `ESCAPED: ${what}` : `contained: ${what}: ${e?.code ?? e}`);
    if (--pending === 0) process.exit(0);
  });
}
