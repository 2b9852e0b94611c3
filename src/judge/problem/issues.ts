// What is wrong with a package, each item naming the file and field, collected rather than thrown
// so an author sees every mistake at once.

/** Errors make a package unusable; warnings are worth a look. */
export class Issues {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];

  /** Record an error at a place ("problem.json limits.time", "tests/03.in"). */
  error(where: string, message: string): void {
    this.errors.push(`${where}: ${message}`);
  }

  /** Record a warning at a place. */
  warn(where: string, message: string): void {
    this.warnings.push(`${where}: ${message}`);
  }
}
