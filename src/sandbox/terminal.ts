// A session's terminal size, which the box's pty follows (the launcher's --tty and its 'W' frames).
import { EventEmitter } from 'node:events';

/** A terminal's size now; 'resize' is emitted at each change, so a running box can follow it. */
export class TerminalSize extends EventEmitter {
  constructor(
    public cols = 80,
    public rows = 24,
  ) {
    super();
  }

  /** A new size (the caller checked it; the launcher takes 1 to 4096 each). */
  resize(cols: number, rows: number): void {
    this.cols = cols;
    this.rows = rows;
    this.emit('resize');
  }
}
