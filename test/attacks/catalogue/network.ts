// The network: TCP, UDP, DNS, loopback services, the metadata address, unix sockets of the host.
import type { Attack } from './types.js';

const contained = /contained/;

/** Each one tries to reach a host service the test runs (and counts) or a well-known address. */
export const network: Attack[] = [
  {
    name: 'c-network',
    category: 'network',
    lang: 'c',
    source: 'c/net.c',
    threat: 'TCP/UDP to host services, IPv6, raw sockets, DNS, route to 169.254.169.254',
    expect: ['OK'],
    stdout: contained,
    args: ['{tcp}', '{udp}'],
  },
  {
    name: 'python-network',
    category: 'network',
    lang: 'python3',
    source: 'python/net.py',
    threat: 'TCP/UDP/DNS/metadata from Python',
    expect: ['OK'],
    stdout: contained,
    args: ['{tcp}', '{udp}'],
  },
  {
    name: 'js-network',
    category: 'network',
    lang: 'javascript',
    source: 'js/net.js',
    threat: 'TCP/HTTP/UDP/DNS from Node',
    expect: ['OK'],
    stdout: contained,
    args: ['{tcp}', '{udp}'],
  },
  {
    name: 'java-network',
    category: 'network',
    lang: 'java',
    source: 'java/Net.java',
    threat: 'TCP and DNS from the JVM',
    expect: ['OK'],
    stdout: contained,
    args: ['{tcp}'],
  },
  {
    name: 'bash-dev-tcp',
    category: 'network',
    lang: 'bash',
    source: 'bash/dev-tcp.sh',
    threat: "bash's /dev/tcp and /dev/udp",
    expect: ['OK'],
    stdout: contained,
    args: ['{tcp}', '{udp}'],
  },
  {
    name: 'c-unix-sockets-of-host',
    category: 'network',
    lang: 'c',
    source: 'c/unix-service.c',
    threat: "the service's unix sockets (path and abstract), Docker, systemd, D-Bus",
    expect: ['OK'],
    stdout: contained,
    args: ['{unix}', '{abstract}'],
  },
  {
    name: 'c-loopback-up',
    category: 'network',
    lang: 'c',
    source: 'c/loopback.c',
    threat: 'bring the loopback up to serve or reach local services',
    expect: ['OK'],
    stdout: contained,
  },
];
