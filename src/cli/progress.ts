// A progress bar on stderr: redrawn in place on a terminal, a line per 10% otherwise.
export class Progress {
  private done_ = 0;
  private lastDecile = -1;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly quiet = false,
  ) {}

  tick(n: number): void {
    this.done_ = Math.min(this.total, this.done_ + n);
    if (this.quiet) return;
    const frac = this.total ? this.done_ / this.total : 1;
    if (process.stderr.isTTY) {
      const width = 30;
      const bar = '#'.repeat(Math.round(frac * width)).padEnd(width, '.');
      process.stderr.write(`\r${this.label} [${bar}] ${this.done_}/${this.total} ${this.rate()}`);
    } else if (Math.floor(frac * 10) > this.lastDecile) {
      this.lastDecile = Math.floor(frac * 10);
      process.stderr.write(`${this.label}: ${this.done_}/${this.total} ${this.rate()}\n`);
    }
  }

  private rate(): string {
    const s = (Date.now() - this.started) / 1000;
    return s > 0 ? `(${(this.done_ / s).toFixed(0)} files/s)` : '';
  }

  done(): void {
    if (!this.quiet && process.stderr.isTTY) process.stderr.write('\n');
  }
}
