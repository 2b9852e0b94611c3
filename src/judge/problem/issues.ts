// What is wrong with a package, each item naming the file and field, collected rather than thrown
// so an author sees every mistake at once.

/** One finding: the file ("problem.json", "tests/03.in"), the field in it ("limits.time", or ""), and what is wrong. */
export interface Issue {
  file: string;
  field: string;
  message: string;
}

/** Errors make a package unusable; warnings are worth a look. */
export class Issues {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];
  /** The same findings, structured (for the API's errors[]). */
  readonly errorItems: Issue[] = [];
  readonly warningItems: Issue[] = [];

  /** Record an error at a place ("problem.json limits.time", "tests/03.in"). */
  error(where: string, message: string): void {
    this.errors.push(`${where}: ${message}`);
    this.errorItems.push(issue(where, message));
  }

  /** Record a warning at a place. */
  warn(where: string, message: string): void {
    this.warnings.push(`${where}: ${message}`);
    this.warningItems.push(issue(where, message));
  }
}

/** "problem.json limits.time" is a file and a field; "tests/03.in" a file alone. */
function issue(where: string, message: string): Issue {
  const space = where.indexOf(' ');
  return space < 0 ? { file: where, field: '', message } : { file: where.slice(0, space), field: where.slice(space + 1), message };
}
