import { mkdtempSync } from 'node:fs';
import { serve, call } from '/work/wt-service/dist/test/helpers/process.js';
const s = await serve(mkdtempSync('/tmp/airlock-l-'), 314, process.argv.slice(2));
const N = 200, C = 20; let next = 0; const t0 = Date.now(); const codes = {};
await Promise.all(Array.from({length: C}, async () => { while (next < N) { next++; const r = await call(`${s.url}/v1/runs`, {body:{language:'python3', source:'print("Hello")'}}); codes[r.status] = (codes[r.status]??0)+1; } }));
const ms = Date.now()-t0; console.log(codes, ms, 'ms', (N/ms*1000).toFixed(1), 'runs/s');
const m = await fetch(`${s.url}/metrics`).then(r=>r.text()); console.log(m.split('\n').filter(l=>/stage_seconds_(sum|count)|overhead_seconds_(sum|count)/.test(l)).join('\n'));
s.child.kill('SIGTERM');
