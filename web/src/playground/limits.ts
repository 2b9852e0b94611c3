// The CPU time and memory fields: the server's defaults shown in them, its ranges checked before a run is sent.
// Both come from the service's own source at build time, so the page and the server cannot disagree.
import { limitBounds } from '../../../src/config/limit-bounds.js';
import { defaultRunLimits } from '../../../src/sandbox/limits.js';
import { h } from '../ui/dom.js';

const MiB = 1024 * 1024;

/** The limits the page offers, in the units people type (seconds, MiB); the API takes seconds and bytes. */
const specs = {
  cpuTime: { id: 'time', name: 'CPU time', unit: 's', scale: 1, mode: 'decimal' },
  memory: { id: 'memory', name: 'Memory', unit: 'MiB', scale: MiB, mode: 'numeric' },
} as const;

/** A number as people write it: 0.001, 3600, 65536. */
const plain = (n: number) => String(Math.round(n * 1000) / 1000);

/** One limit's input: blank means the server's default, which its placeholder shows. */
export class LimitField {
  readonly input: HTMLInputElement;
  private readonly min: number;
  private readonly max: number;

  constructor(
    readonly key: keyof typeof specs,
    value: string,
  ) {
    const s = specs[key];
    this.min = limitBounds[key].minimum / s.scale;
    this.max = limitBounds[key].maximum / s.scale;
    this.input = h('input', {
      id: s.id,
      type: 'number',
      min: plain(this.min),
      max: plain(this.max),
      step: 'any',
      inputmode: s.mode,
      placeholder: plain(defaultRunLimits[key] / s.scale),
      title: `${plain(this.min)} to ${plain(this.max)} ${s.unit}; empty for the server's default`,
      value,
    });
    this.input.addEventListener('input', () => this.mark(undefined));
  }

  /** The value in the API's unit (undefined when blank), or why it cannot be sent. */
  read(): { value?: number; error?: string } {
    const raw = this.input.value.trim();
    // A number input reports text it cannot parse as empty, with badInput set: that is not "blank".
    if (!raw && !this.input.validity.badInput) return (this.mark(undefined), {});
    const n = Number(raw);
    const s = specs[this.key];
    if (!raw || !Number.isFinite(n) || n < this.min || n > this.max) {
      const error = `${s.name} must be from ${plain(this.min)} to ${plain(this.max)} ${s.unit} (or empty for the default, ${this.input.placeholder} ${s.unit}).`;
      return (this.mark(error), { error });
    }
    return (this.mark(undefined), { value: this.key === 'memory' ? Math.round(n * s.scale) : n });
  }

  private mark(error: string | undefined): void {
    this.input.setCustomValidity(error ?? '');
    if (error) this.input.setAttribute('aria-invalid', 'true');
    else this.input.removeAttribute('aria-invalid');
  }
}
