// kill -9 of the service with 200 async runs accepted: the restarted service finishes every one of them.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { call, serve } from '../helpers/process.js';

/** Pids of launcher daemons serving on a socket of this name. */
function daemonsNamed(name: string): string[] {
  return readdirSync('/proc').filter((p) => {
    try {
      return /^\d+$/.test(p) && readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(name);
    } catch {
      return false;
    }
  });
}

test('200 async runs survive kill -9 and a restart', { timeout: 120_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'airlock-crash-'));
  const first = await serve(dataDir, 312);
  const ids: string[] = [];
  try {
    for (let i = 0; i < 200; i += 20) {
      const batch = Array.from({ length: 20 }, (_, j) =>
        call(`${first.url}/v1/runs?wait=false`, { body: { language: 'python3', source: `import time\ntime.sleep(0.02)\nprint(${i + j})` } }),
      );
      for (const r of await Promise.all(batch)) {
        assert.equal(r.status, 202, JSON.stringify(r.body));
        ids.push(r.body.id);
      }
    }
  } finally {
    first.child.kill('SIGKILL');
  }
  await new Promise((r) => first.child.once('exit', r));
  const second = await serve(dataDir, 312);
  try {
    assert.match(second.log(), /recovered unfinished runs/);
    // The killed service's launcher daemon was stopped by the new one (SIGTERM, then it exits).
    const orphan = `daemon-${first.child.pid}.sock`;
    for (let i = 0; i < 100 && daemonsNamed(orphan).length; i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(daemonsNamed(orphan), []);
    const deadline = Date.now() + 90_000;
    const pending = new Set(ids);
    while (pending.size && Date.now() < deadline) {
      for (const id of [...pending]) {
        const r = await call(`${second.url}/v1/runs/${id}`);
        assert.equal(r.status, 200);
        if (r.body.state !== 'queued' && r.body.state !== 'running') pending.delete(id);
      }
      if (pending.size) await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(pending.size, 0, `${pending.size} runs never finished`);
    for (const [i, id] of ids.entries()) {
      const r = await call(`${second.url}/v1/runs/${id}`);
      assert.equal(r.body.state, 'done', JSON.stringify(r.body));
      assert.equal(r.body.result.stdout, `${i}\n`);
    }
  } finally {
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
  }
});
