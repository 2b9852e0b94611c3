// Numbers as people read them: seconds, bytes, dates.

/** "0.012 s", "1.50 s". */
export function seconds(s: number | undefined): string {
  if (s === undefined || !Number.isFinite(s)) return '–';
  return s < 10 ? `${s.toFixed(3)} s` : `${s.toFixed(1)} s`;
}

/** "3.2 MiB", "812 KiB". */
export function bytes(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '–';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MiB`;
  return `${(n / 1024 ** 3).toFixed(2).replace(/\.00$/, '')} GiB`;
}

/** A message with its byte counts made readable: "memory limit of 268435456 bytes" says "256 MiB". */
export function readableSizes(message: string): string {
  return message.replace(/\b(\d{4,}) bytes\b/g, (_, n: string) => bytes(Number(n)));
}

/** A local date and time, short. */
export function when(iso: string | number): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

/** Points with at most two decimals: 100, 33.33. */
export function points(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '–';
  return String(Math.round(n * 100) / 100);
}
