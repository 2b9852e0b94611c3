// Judge0's statuses, ids 1 to 14, with Judge0's own descriptions.

/** Judge0's status ids by name. */
export const S = {
  queue: 1,
  processing: 2,
  accepted: 3,
  wrongAnswer: 4,
  timeLimit: 5,
  compilationError: 6,
  sigsegv: 7,
  sigxfsz: 8,
  sigfpe: 9,
  sigabrt: 10,
  nzec: 11,
  otherRuntime: 12,
  internalError: 13,
  execFormat: 14,
} as const;

/** GET /statuses. */
export const STATUSES: { id: number; description: string }[] = [
  { id: 1, description: 'In Queue' },
  { id: 2, description: 'Processing' },
  { id: 3, description: 'Accepted' },
  { id: 4, description: 'Wrong Answer' },
  { id: 5, description: 'Time Limit Exceeded' },
  { id: 6, description: 'Compilation Error' },
  { id: 7, description: 'Runtime Error (SIGSEGV)' },
  { id: 8, description: 'Runtime Error (SIGXFSZ)' },
  { id: 9, description: 'Runtime Error (SIGFPE)' },
  { id: 10, description: 'Runtime Error (SIGABRT)' },
  { id: 11, description: 'Runtime Error (NZEC)' },
  { id: 12, description: 'Runtime Error (Other)' },
  { id: 13, description: 'Internal Error' },
  { id: 14, description: 'Exec Format Error' },
];

/** A status as Judge0 shows it inside a submission. */
export function status(id: number): { id: number; description: string } {
  return STATUSES[id - 1]!;
}
