// FrameReader: frames cut anywhere by the socket come out whole, in order, without gathering payloads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FrameReader } from '../../src/sandbox/frame-reader.js';
import { prng } from '../attacks/prng.js';

const frame = (type: string, body: Buffer) => {
  const h = Buffer.alloc(5);
  h.write(type, 0, 'latin1');
  h.writeUInt32LE(body.length, 1);
  return Buffer.concat([h, body]);
};

test('frames cut after each of the first 40 bytes, at random places and into many pieces are read back exactly', () => {
  const r = prng(7);
  const frames = [
    ['O', Buffer.from('hello ')],
    ['E', Buffer.alloc(0)],
    ['O', Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251))],
    ['E', Buffer.from('warning\n')],
    ['R', Buffer.from('status=OK\nend\n')],
  ] as const;
  const wire = Buffer.concat(frames.map(([t, b]) => frame(t, b)));
  const cuts = [...Array.from({ length: 40 }, (_, i) => [i]), ...Array.from({ length: 200 }, () => [Math.floor(r() * wire.length)])];
  for (const cut of [...cuts, Array.from({ length: 50 }, () => Math.floor(r() * wire.length)).sort((a, b) => a - b)]) {
    const got = new Map<number, { type: string; parts: Buffer[]; done: boolean }>();
    let n = 0;
    const reader = new FrameReader((type, piece, last) => {
      const f = got.get(n) ?? { type, parts: [], done: false };
      got.set(n, f);
      f.parts.push(Buffer.from(piece));
      if (last) {
        f.done = true;
        n++;
      }
    });
    let at = 0;
    for (const c of [...cut, wire.length]) {
      reader.push(wire.subarray(at, Math.max(at, c)));
      at = Math.max(at, c);
    }
    assert.equal(n, frames.length, `cuts ${cut.join(',')}`);
    frames.forEach(([t, b], i) => {
      assert.equal(got.get(i)!.type, t);
      assert.deepEqual(Buffer.concat(got.get(i)!.parts), b, `frame ${i}, cuts ${cut.join(',')}`);
    });
  }
});
