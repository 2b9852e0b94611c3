// What a Judge0 submission keeps with its run, beyond what the native run stores (source and stdin are there).

/** Stored in the run's spec as `compat`; units are Judge0's (seconds, kilobytes). */
export type Judge0Meta = {
  api: 'judge0';
  language_id: number;
  /** How the id runs when it is not a plain language (43, 44, 89: project.ts); absent for a language. */
  kind?: 'text' | 'executable' | 'project';
  /** base64 of the expected output's bytes, or null. */
  expected_output: string | null;
  number_of_runs: number;
  cpu_time_limit: number;
  cpu_extra_time: number;
  wall_time_limit: number;
  memory_limit: number;
  stack_limit: number;
  max_processes_and_or_threads: number;
  enable_per_process_and_thread_time_limit: boolean;
  enable_per_process_and_thread_memory_limit: boolean;
  max_file_size: number;
  redirect_stderr_to_stdout: boolean;
  enable_network: boolean;
  compiler_options: string | null;
  command_line_arguments: string | null;
  callback_url: string | null;
  /** base64 of the zip as sent, or null. */
  additional_files: string | null;
};

/** The Judge0 metadata of a run, if it was started through Judge0. */
export function judge0Meta(compat: unknown): Judge0Meta | undefined {
  return compat && typeof compat === 'object' && (compat as { api?: unknown }).api === 'judge0' ? (compat as Judge0Meta) : undefined;
}
