// The SSRF rule as a table, both directions: public addresses are allowed, every local, private, metadata or special
// form (IPv4, and each IPv6 form that carries an IPv4 address) is refused. Classification only: no traffic is sent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { embeddedV4 } from '../../src/service/address-class.js';
import { checkCallbackUrl, isPrivateAddress } from '../../src/service/ssrf.js';

const allowed = [
  '8.8.8.8',
  '1.1.1.1',
  '93.184.216.34',
  '100.63.255.255',
  '100.128.0.0',
  '172.15.255.255',
  '172.32.0.0',
  '192.167.255.255',
  '223.255.255.255',
  '::ffff:8.8.8.8',
  '::ffff:808:808',
  '0:0:0:0:0:ffff:1.1.1.1',
  '::FFFF:93.184.216.34',
  '64:ff9b::8.8.8.8',
  '2002:808:808::1',
  '2606:4700:4700::1111',
  '2001:4860:4860::8888',
  '2a00:1450:4001:80b::200e',
];

const refused = [
  // IPv4: this host, loopback, private, CGNAT, link-local and the metadata service, special, multicast, reserved.
  '0.0.0.0',
  '0.1.2.3',
  '127.0.0.1',
  '127.255.255.254',
  '10.0.0.1',
  '10.255.255.255',
  '100.64.0.1',
  '100.127.255.255',
  '172.16.0.1',
  '172.31.255.255',
  '192.168.1.1',
  '169.254.169.254',
  '169.254.0.1',
  '192.0.0.1',
  '192.0.2.1',
  '198.18.0.1',
  '198.51.100.1',
  '203.0.113.1',
  '192.88.99.1',
  '224.0.0.1',
  '239.255.255.250',
  '240.0.0.1',
  '255.255.255.255',
  // IPv6: unspecified, loopback, unique-local (EC2 metadata), link-local (with a zone too), site-local, multicast, discard, documentation, Teredo.
  '::',
  '::1',
  '0:0:0:0:0:0:0:1',
  'fd00:ec2::254',
  'fc00::1',
  'fe80::1',
  'fe80::1%eth0',
  'fec0::1',
  'ff02::1',
  'ff05::1:3',
  '100::1',
  '2001:db8::1',
  '2001::1',
  '2001:0:4136:e378:8000:63bf:3fff:fdd2',
  '2001:2::1',
  '3fff::1',
  '64:ff9b:1::a00:1',
  '4000::1',
  'e000::1',
  // IPv4-mapped, translated, compatible, NAT64 and 6to4 forms of refused IPv4 addresses.
  '::ffff:127.0.0.1',
  '::ffff:7f00:1',
  '0:0:0:0:0:ffff:7f00:0001',
  '::ffff:169.254.169.254',
  '::ffff:a9fe:a9fe',
  '::ffff:10.0.0.1',
  '::ffff:192.168.0.1',
  '::ffff:100.64.0.1',
  '::ffff:0.0.0.0',
  '::ffff:0:127.0.0.1',
  '::127.0.0.1',
  '::169.254.169.254',
  '::10.0.0.1',
  '64:ff9b::127.0.0.1',
  '64:ff9b::a9fe:a9fe',
  '64:ff9b::10.1.2.3',
  '2002:7f00:1::',
  '2002:a9fe:a9fe::1',
  '2002:c0a8:101::',
  '2002:a00:1::',
  // Not an address at all.
  '',
  'localhost',
  'example.com',
  '127.1',
  '0x7f000001',
];

test('public addresses are allowed, including IPv4-mapped and other IPv6 forms of public IPv4', () => {
  for (const a of allowed) assert.equal(isPrivateAddress(a), false, `${a} should be public`);
});

test('loopback, private, link-local, metadata, CGNAT, special and multicast addresses are refused in every form', () => {
  for (const a of refused) assert.equal(isPrivateAddress(a), true, `${a} should be refused`);
});

test('IPv6 forms that carry an IPv4 address are read as that address', () => {
  assert.equal(embeddedV4('::ffff:8.8.8.8'), '8.8.8.8');
  assert.equal(embeddedV4('::ffff:a9fe:a9fe'), '169.254.169.254');
  assert.equal(embeddedV4('64:ff9b::7f00:1'), '127.0.0.1');
  assert.equal(embeddedV4('2002:c0a8:101::'), '192.168.1.1');
  assert.equal(embeddedV4('::1'), '0.0.0.1');
  assert.equal(embeddedV4('2606:4700::1111'), undefined);
});

test('callback URLs: a public IPv4 literal is accepted, its private forms refused', () => {
  assert.equal(checkCallbackUrl('http://8.8.8.8/hook', false).hostname, '8.8.8.8');
  assert.equal(checkCallbackUrl('https://[::ffff:8.8.8.8]/hook', false).protocol, 'https:');
  for (const url of [
    'http://127.0.0.1/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:169.254.169.254]/latest',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://[fd00:ec2::254]/',
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://[2002:7f00:1::]/',
    'http://[::]/',
  ]) {
    assert.throws(() => checkCallbackUrl(url, false), { code: 'AIRLOCK_ERR_BAD_CALLBACK_URL' }, url);
  }
});
