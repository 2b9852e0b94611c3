// CappedOutput: what a box printed, kept up to the cap, in a store sized by what arrived rather than by the cap.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CappedOutput } from '../../src/sandbox/outcome.js';
import { prng } from '../attacks/prng.js';

const MiB = 1 << 20;

/** Feed `total` patterned bytes in random chunks; returns what was fed. */
function feed(out: CappedOutput, total: number, seed: number): Buffer {
  const r = prng(seed);
  const all = Buffer.from(Array.from({ length: total }, (_, i) => (i * 7 + 3) % 251));
  for (let at = 0; at < total; ) {
    const n = Math.min(total - at, 1 + Math.floor(r() * 70_000));
    out.add(all.subarray(at, at + n));
    at += n;
  }
  return all;
}

test('output under, at and over the cap is kept byte for byte up to the cap, whatever the chunks', () => {
  for (const [total, cap] of [
    [0, 1000],
    [2, 1000],
    [999, 1000],
    [1000, 1000],
    [5000, 1000],
    [300_000, 64 * MiB],
    [3 * MiB, 2 * MiB],
  ] as const) {
    const out = new CappedOutput(cap, undefined, true);
    const all = feed(out, total, total);
    assert.ok(out.buffer().equals(all.subarray(0, Math.min(total, cap))), `${total} bytes, cap ${cap}`);
  }
});

test('a small output does not cost a cap-sized buffer (V8 would count it and collect for it)', () => {
  // 64 MiB of cap: the result of a 2-byte program is a small buffer, not a view of 64 MiB.
  const out = new CappedOutput(64 * MiB, undefined, true);
  const before = process.memoryUsage().arrayBuffers;
  out.add(Buffer.from('3\n'));
  const held = process.memoryUsage().arrayBuffers - before;
  assert.ok(held < MiB, `holding 2 bytes took ${held} bytes of buffers`);
  const b = out.buffer();
  assert.equal(b.toString(), '3\n');
  assert.ok(b.buffer.byteLength <= 8192, `backed by ${b.buffer.byteLength} bytes`);
  const mid = new CappedOutput(64 * MiB, undefined, true);
  feed(mid, 200_000, 1);
  assert.ok(mid.buffer().buffer.byteLength < MiB, `200 kB backed by ${mid.buffer().buffer.byteLength} bytes`);
});

test('live chunks reach the listener whole, and nothing is kept when told not to', () => {
  const seen: Buffer[] = [];
  const out = new CappedOutput(10, (c) => seen.push(c), false);
  out.add(Buffer.from('hello, world'));
  assert.equal(Buffer.concat(seen).toString(), 'hello, world');
  assert.equal(out.buffer().length, 0);
});
