// Semantic version ranges as Piston's clients write them ("*", "3.x", "3.10", "^3.9.0", ">=1.2 <2", "1 || 2").

type V = [number, number, number];

/** A version as x.y.z: "25" is 25.0.0, "17.0.21.1" is 17.0.21 (Piston's runtimes are semver). */
export function coerce(version: string): string {
  const parts = (/\d+(?:\.\d+)*/.exec(version)?.[0] ?? '0').split('.').map(Number);
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0].join('.');
}

const parse = (v: string): V => coerce(v).split('.').map(Number) as V;
const cmp = (a: V, b: V) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** One comparator ("<=1.2", "~1.2", "1.x") as a test. */
function comparator(c: string): (v: V) => boolean {
  const m = /^(\^|~|>=|<=|>|<|=)?v?(\*|x|X|\d+)(?:\.(\*|x|X|\d+))?(?:\.(\*|x|X|\d+))?(?:[-+].*)?$/.exec(c);
  if (!m) return () => false;
  const op = m[1] ?? '';
  const wild = (s: string | undefined) => s === undefined || s === '*' || s === 'x' || s === 'X';
  const nums = [m[2], m[3], m[4]];
  const given = nums.findIndex(wild);
  const depth = given === -1 ? 3 : given; // how many parts are pinned
  const base = nums.map((n) => (wild(n) ? 0 : Number(n))) as V;
  const next = (level: number): V => (level === 0 ? [base[0] + 1, 0, 0] : level === 1 ? [base[0], base[1] + 1, 0] : [base[0], base[1], base[2] + 1]);
  // An inclusive lower bound and an exclusive upper bound (undefined: none).
  let lo: V | undefined;
  let hi: V | undefined;
  switch (op) {
    case '':
    case '=':
      if (depth === 0) return () => true;
      lo = base;
      hi = next(depth - 1);
      break;
    case '^': {
      lo = base;
      const level = base[0] > 0 || depth === 1 ? 0 : base[1] > 0 || depth === 2 ? 1 : 2;
      hi = next(level);
      break;
    }
    case '~':
      lo = base;
      hi = next(depth >= 2 ? 1 : 0);
      break;
    case '>=':
      lo = base;
      break;
    case '>':
      lo = depth === 3 ? next(2) : next(Math.max(0, depth - 1));
      break;
    case '<':
      hi = base;
      break;
    case '<=':
      hi = depth === 3 ? next(2) : next(Math.max(0, depth - 1));
      break;
  }
  return (v) => (!lo || cmp(v, lo) >= 0) && (!hi || cmp(v, hi) < 0);
}

/** Whether a version satisfies a range: alternatives split by "||", each a space-separated conjunction (or "a - b"). */
export function satisfies(version: string, range: string): boolean {
  const v = parse(version);
  return range.split('||').some((alt) => {
    const hyphen = /^\s*(\S+)\s+-\s+(\S+)\s*$/.exec(alt);
    const parts = hyphen ? [`>=${hyphen[1]}`, `<=${hyphen[2]}`] : alt.trim().split(/\s+/).filter(Boolean);
    return (parts.length ? parts : ['*']).every((c) => comparator(c.replace(/^(>=|<=|>|<|=|\^|~)\s*/, '$1'))(v));
  });
}
