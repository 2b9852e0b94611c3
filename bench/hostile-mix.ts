// The hostile soak's requests against one service: each legal, each at an edge a careful operator worries about
// (output at its cap, the largest batch, limits at their bounds, uploads, compile errors, the compatibility APIs).
// Each checks its own answer: a verdict, or a 4xx with a stable code where the request is out of bounds.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { tarGzOf } from '../test/helpers/archives.js';
import { repoRoot } from '../test/helpers/box.js';
import { send } from './hostile-http.js';
import type { Tally } from './hostile-tally.js';

const MB = 1024 * 1024;

/** What a kind of request needs: the service's URL and the tally. */
export interface Target {
  url: string;
  tally: Tally;
}

/** One kind of hostile-but-legal request. */
export interface Kind {
  name: string;
  /** How often it is picked relative to the others. */
  weight: number;
  run(t: Target, pick: <T>(xs: readonly T[]) => T): Promise<void>;
}

type RunView = { state?: string; error?: string; result?: { status?: string; message?: string; stdout?: string; compile?: { status?: string } | null } };

/** Flag a /v1 run that ended as the service's own failure. */
function checkRun(t: Target, kind: string, r: RunView): void {
  if (r.state === 'failed' || r.result?.status === 'IE' || r.result?.compile?.status === 'IE')
    t.tally.internal(kind, JSON.stringify({ state: r.state, error: r.error, status: r.result?.status, message: r.result?.message }));
}

const printing = (bytes: number) => ({ language: 'python3', source: `import sys\nsys.stdout.write("x" * ${bytes})` });

/** Native limits at and past their bounds, each with whether the service must refuse it (below a minimum, not a number). */
const edges: Array<{ limits: Record<string, unknown>; refused: boolean }> = [
  { limits: { cpuTime: 0.001 }, refused: false },
  { limits: { wallTime: 0.001 }, refused: false },
  { limits: { memory: MB }, refused: false },
  { limits: { processes: 1 }, refused: false },
  { limits: { output: 1 }, refused: false },
  { limits: { fileSize: 1 }, refused: false },
  { limits: { cpuTime: 3600, wallTime: 7200 }, refused: false }, // the bounds' maxima: a ceiling may refuse them
  { limits: { memory: 64 * 1024 * MB }, refused: false },
  { limits: { cpuTime: 1e-7 }, refused: true },
  { limits: { wallTime: 1e-9 }, refused: true },
  { limits: { memory: MB - 1 }, refused: true },
  { limits: { processes: 0 }, refused: true },
  { limits: { processes: 1.5 }, refused: true },
  { limits: { cpuTime: '1e-7' }, refused: true },
  { limits: { output: 2 ** 64 }, refused: true },
];

/** The request kinds, heaviest first. */
export const kinds: Kind[] = [
  {
    name: 'max output: a run printing past its 16 MiB cap',
    weight: 2,
    async run(t) {
      const a = await send(t.tally, this.name, `${t.url}/v1/runs`, { body: printing(20 * MB) });
      if (a?.status === 200) checkRun(t, this.name, a.json as RunView);
    },
  },
  {
    name: 'big batch: 32 runs of 4 MiB each, caps fitted into the batch budget',
    weight: 1,
    async run(t) {
      const a = await send(t.tally, this.name, `${t.url}/v1/runs/batch`, { body: { runs: Array.from({ length: 32 }, () => printing(4 * MB)) } });
      if (a?.status === 200) for (const r of (a.json as { runs: RunView[] }).runs) checkRun(t, this.name, r);
    },
  },
  {
    name: 'batch over the budget: 32 runs asking for 16 MiB each (413)',
    weight: 1,
    async run(t) {
      const a = await send(t.tally, this.name, `${t.url}/v1/runs/batch`, {
        body: { runs: Array.from({ length: 32 }, () => ({ ...printing(1), limits: { output: 16 * MB } })) },
      });
      if (a && a.status !== 413) t.tally.wrong(this.name, `HTTP ${a.status}, expected 413: ${a.text.slice(0, 200)}`);
    },
  },
  {
    name: 'edge limits (native): at, below and above each bound',
    weight: 4,
    async run(t, pick) {
      const e = pick(edges);
      const a = await send(t.tally, this.name, `${t.url}/v1/runs`, { body: { language: 'python3', source: 'print(1)', limits: e.limits } });
      if (!a) return;
      if (a.status === 200) checkRun(t, this.name, a.json as RunView);
      if (e.refused && a.status < 400) t.tally.wrong(this.name, `${JSON.stringify(e.limits)} answered ${a.status}, expected a 4xx`);
    },
  },
  {
    name: 'edge limits (Judge0, Jobe, Piston)',
    weight: 2,
    async run(t, pick) {
      const which = pick(['judge0', 'jobe', 'piston'] as const);
      if (which === 'judge0') {
        const a = await send(t.tally, this.name, `${t.url}/submissions?wait=true`, {
          body: { language_id: 71, source_code: 'print(1)', cpu_time_limit: pick([1e-7, 0.001, 1e-9, 15]), memory_limit: pick([2048, 1024, 512000]) },
        });
        if (a?.status === 201 && (a.json as { status?: { id?: number } }).status?.id === 13) t.tally.internal(this.name, a.text);
      } else if (which === 'jobe') {
        const a = await send(t.tally, this.name, `${t.url}/jobe/index.php/restapi/runs`, {
          body: { run_spec: { language_id: 'python3', sourcecode: 'print(1)', parameters: { cputime: pick([0.001, 1e-7, 50]), numprocs: pick([1, 2, 0]) } } },
        });
        if (a?.status === 200 && (a.json as { outcome?: number }).outcome === 20) t.tally.internal(this.name, a.text);
      } else {
        const a = await send(t.tally, this.name, `${t.url}/api/v2/execute`, {
          body: {
            language: 'python3',
            version: '*',
            files: [{ content: 'print(1)' }],
            run_timeout: pick([1, 1e-7, 3000]),
            run_memory_limit: pick([-1, MB, 2 ** 40]),
          },
        });
        if (a?.status === 200 && (a.json as { run?: { status?: string } }).run?.status === 'XX') t.tally.internal(this.name, a.text);
      }
    },
  },
  {
    name: 'compile errors (native C, Judge0 C++)',
    weight: 2,
    async run(t, pick) {
      const salt = randomBytes(4).toString('hex'); // a new source each time: the compiler runs, no cached failure
      if (pick([true, false])) {
        const a = await send(t.tally, this.name, `${t.url}/v1/runs`, { body: { language: 'c', source: `int main(){ return ${salt} }` } });
        if (a?.status === 200) checkRun(t, this.name, a.json as RunView);
      } else {
        const a = await send(t.tally, this.name, `${t.url}/submissions?wait=true`, {
          body: { language_id: 54, source_code: `int main(){ undeclared_${salt}(); }` },
        });
        if (a?.status === 201 && (a.json as { status?: { id?: number } }).status?.id === 13) t.tally.internal(this.name, a.text);
      }
    },
  },
  {
    name: 'compat max output (Judge0, Piston, Jobe printing 20 MiB)',
    weight: 1,
    async run(t, pick) {
      const src = `import sys\nsys.stdout.write("y" * ${20 * MB})`;
      const which = pick(['judge0', 'jobe', 'piston'] as const);
      const a =
        which === 'judge0'
          ? await send(t.tally, this.name, `${t.url}/submissions?wait=true`, { body: { language_id: 71, source_code: src } })
          : which === 'jobe'
            ? await send(t.tally, this.name, `${t.url}/jobe/index.php/restapi/runs`, { body: { run_spec: { language_id: 'python3', sourcecode: src } } })
            : await send(t.tally, this.name, `${t.url}/api/v2/execute`, { body: { language: 'python3', version: '*', files: [{ content: src }] } });
      const j = a?.json as { status?: { id?: number }; outcome?: number; run?: { status?: string } } | undefined;
      if (j?.status?.id === 13 || j?.outcome === 20 || j?.run?.status === 'XX') t.tally.internal(this.name, a!.text.slice(0, 300));
    },
  },
  {
    name: 'upload: a problem package, a submission judged, the problem deleted',
    weight: 1,
    async run(t) {
      const up = await send(t.tally, this.name, `${t.url}/v1/problems`, { raw: tarGzOf(join(repoRoot, 'examples/problems/aplusb')), type: 'application/gzip' });
      const id = (up?.json as { id?: string } | undefined)?.id;
      if (!id) return;
      const sub = await send(t.tally, this.name, `${t.url}/v1/problems/${id}/submissions`, {
        body: { language: 'python3', source: 'a, b = map(int, input().split())\nprint(a + b)' },
      });
      const sid = (sub?.json as { id?: string } | undefined)?.id;
      for (let i = 0; sid && i < 600; i++) {
        await new Promise((r) => setTimeout(r, 200));
        const s = await send(t.tally, this.name, `${t.url}/v1/submissions/${sid}`);
        const v = s?.json as { state?: string; verdict?: string; error?: string } | undefined;
        if (!v || v.state === 'queued' || v.state === 'running') continue;
        if (v.state === 'failed' || v.verdict === 'IE') t.tally.internal(this.name, JSON.stringify(v).slice(0, 300));
        else if (v.verdict !== 'AC') t.tally.wrong(this.name, `the accepted solution got ${v.verdict}`);
        break;
      }
      await send(t.tally, this.name, `${t.url}/v1/problems/${id}`, { method: 'DELETE' });
    },
  },
  {
    name: 'upload: a 256 KiB Jobe file, then a run reading it',
    weight: 1,
    async run(t) {
      const id = `soak${randomBytes(6).toString('hex')}`;
      const content = randomBytes(192 * 1024).toString('base64'); // 256 KiB of text
      const put = await send(t.tally, this.name, `${t.url}/jobe/index.php/restapi/files/${id}`, {
        method: 'PUT',
        body: { file_contents: Buffer.from(content).toString('base64') },
      });
      const a = await send(t.tally, this.name, `${t.url}/jobe/index.php/restapi/runs`, {
        body: { run_spec: { language_id: 'python3', sourcecode: 'print(len(open("f.txt").read()))', file_list: [[id, 'f.txt']] } },
      });
      // A refusal (the key's storage quota reached: 429 on the upload or the run) is tallied by its status above.
      if (put?.status !== 204 || a?.status !== 200) return;
      const j = a.json as { outcome?: number; stdout?: string; stderr?: string; cmpinfo?: string } | undefined;
      if (j?.outcome === 21) return; // Jobe's load shedding (jobe.waitTimeout), the answer Jobe itself gives
      if (j?.outcome === 20) t.tally.internal(this.name, a.text);
      else if (j && j.stdout !== `${content.length}\n`)
        t.tally.wrong(
          this.name,
          `outcome ${j.outcome}, read back ${JSON.stringify(j.stdout)}, expected ${content.length}; stderr ${JSON.stringify(j.stderr?.slice(0, 300))}`,
        );
    },
  },
];
