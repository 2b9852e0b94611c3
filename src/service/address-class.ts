// Which IP addresses a webhook may reach: the public internet only. IPv6 forms that carry an IPv4 address are judged by it.
import { BlockList, isIP } from 'node:net';

// Threat: SSRF. Every IPv4 range that is not the public internet: this host (0/8, 127/8), private networks, CGNAT,
// link-local (cloud metadata at 169.254.169.254), IETF and documentation ranges, the 6to4 relay, multicast, reserved.
const privateV4 = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  privateV4.addSubnet(net, bits, 'ipv4');

// Threat: SSRF over IPv6. Only global unicast (2000::/3) is public; inside it, the IETF protocol block (Teredo,
// benchmarking, ORCHID), documentation, and the local-use NAT64 prefix (the operator's own network) are refused.
// Loopback, unspecified, unique-local (fd00:ec2::254, the EC2 metadata service), link-local and multicast lie
// outside 2000::/3 and are refused by that alone.
const publicV6 = new BlockList();
publicV6.addSubnet('2000::', 3, 'ipv6');
const privateV6 = new BlockList();
for (const [net, bits] of [
  ['2001::', 23],
  ['2001:db8::', 32],
  ['3fff::', 20],
  ['64:ff9b:1::', 48],
] as const)
  privateV6.addSubnet(net, bits, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (any textual form Node accepts, without a zone). */
function groups(address: string): number[] {
  // The URL parser writes every form (dotted tail, zeros, case) as compressed hex groups.
  const text = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head, tail] = text.split('::') as [string, string | undefined];
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const h = part(head);
  const t = part(tail);
  return tail === undefined ? h : [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
}

const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/** The IPv4 address an IPv6 address carries (mapped, translated, compatible, NAT64 well-known prefix, 6to4), if any. */
export function embeddedV4(address: string): string | undefined {
  const g = groups(address);
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zero(0, 5) && g[5] === 0xffff) return v4(g[6]!, g[7]!); // ::ffff:a.b.c.d, mapped
  if (zero(0, 4) && g[4] === 0xffff && g[5] === 0) return v4(g[6]!, g[7]!); // ::ffff:0:a.b.c.d, SIIT translated
  if (zero(0, 6)) return v4(g[6]!, g[7]!); // ::a.b.c.d, compatible (also :: and ::1, read as 0.0.0.0 and 0.0.0.1)
  if (g[0] === 0x64 && g[1] === 0xff9b && zero(2, 6)) return v4(g[6]!, g[7]!); // 64:ff9b::a.b.c.d, NAT64
  if (g[0] === 0x2002) return v4(g[1]!, g[2]!); // 2002:aabb:ccdd::, 6to4
  return undefined;
}

/** Whether an address is anything but the public internet: loopback, private, link-local, multicast, reserved, or not an address. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return privateV4.check(address, 'ipv4');
  // A zone index ("fe80::1%eth0") only has meaning on a local link.
  if (family !== 6 || address.includes('%')) return true;
  const inner = embeddedV4(address);
  if (inner !== undefined) return privateV4.check(inner, 'ipv4');
  return !publicV6.check(address, 'ipv6') || privateV6.check(address, 'ipv6');
}
