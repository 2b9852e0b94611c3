// Judge0's configuration variables (GET /config_info): Judge0 CE's defaults, capped by this server's ceilings.
import type { Config } from '../../config/schema.js';

/** The defaults and maxima a submission is checked against; units as Judge0's (seconds, kilobytes). */
export interface Judge0Config {
  cpu_time_limit: number;
  max_cpu_time_limit: number;
  cpu_extra_time: number;
  max_cpu_extra_time: number;
  wall_time_limit: number;
  max_wall_time_limit: number;
  memory_limit: number;
  max_memory_limit: number;
  stack_limit: number;
  max_stack_limit: number;
  max_processes_and_or_threads: number;
  max_max_processes_and_or_threads: number;
  max_file_size: number;
  max_max_file_size: number;
  number_of_runs: number;
  max_number_of_runs: number;
  max_extract_size: number;
  max_submission_batch_size: number;
  max_queue_size: number;
}

/** Judge0 CE's values, lowered where airlock's server-wide ceilings are lower. */
export function judge0Config(config: Readonly<Config>): Judge0Config {
  const c = config.ceilings;
  const kb = (bytes: number) => Math.floor(bytes / 1024);
  const maxCpu = Math.min(15, c.cpuTime);
  const maxWall = Math.min(20, c.wallTime);
  const maxMem = Math.min(512000, kb(c.memory));
  const maxProcs = Math.min(120, c.processes);
  // Each of stdout and stderr may reach max_file_size (Judge0's -f), and output is held within the output ceiling.
  const maxFile = Math.min(20480, kb(c.fileSize), kb(c.output));
  return {
    cpu_time_limit: Math.min(5, maxCpu),
    max_cpu_time_limit: maxCpu,
    cpu_extra_time: 1,
    max_cpu_extra_time: 5,
    wall_time_limit: Math.min(10, maxWall),
    max_wall_time_limit: maxWall,
    memory_limit: Math.min(128000, maxMem),
    max_memory_limit: maxMem,
    stack_limit: 64000,
    max_stack_limit: 128000,
    max_processes_and_or_threads: Math.min(60, maxProcs),
    max_max_processes_and_or_threads: maxProcs,
    max_file_size: Math.min(1024, maxFile),
    max_max_file_size: maxFile,
    number_of_runs: 1,
    max_number_of_runs: 20,
    max_extract_size: 10240,
    max_submission_batch_size: Math.min(20, config.runs.maxBatch),
    max_queue_size: config.queue.maxLength,
  };
}

/** GET /config_info: every variable, with the switches as this server has them. */
export function configInfo(config: Readonly<Config>): Record<string, unknown> {
  const j = judge0Config(config);
  return {
    maintenance_mode: false,
    enable_wait_result: true,
    enable_compiler_options: true,
    allowed_languages_for_compile_options: [],
    enable_command_line_arguments: true,
    enable_submission_delete: false,
    enable_callbacks: true,
    callbacks_max_tries: config.webhooks.maxAttempts,
    callbacks_timeout: config.webhooks.timeout,
    enable_additional_files: true,
    max_queue_size: j.max_queue_size,
    cpu_time_limit: j.cpu_time_limit,
    max_cpu_time_limit: j.max_cpu_time_limit,
    cpu_extra_time: j.cpu_extra_time,
    max_cpu_extra_time: j.max_cpu_extra_time,
    wall_time_limit: j.wall_time_limit,
    max_wall_time_limit: j.max_wall_time_limit,
    memory_limit: j.memory_limit,
    max_memory_limit: j.max_memory_limit,
    stack_limit: j.stack_limit,
    max_stack_limit: j.max_stack_limit,
    max_processes_and_or_threads: j.max_processes_and_or_threads,
    max_max_processes_and_or_threads: j.max_max_processes_and_or_threads,
    enable_per_process_and_thread_time_limit: false,
    allow_enable_per_process_and_thread_time_limit: false,
    enable_per_process_and_thread_memory_limit: false,
    allow_enable_per_process_and_thread_memory_limit: false,
    max_file_size: j.max_file_size,
    max_max_file_size: j.max_max_file_size,
    number_of_runs: j.number_of_runs,
    max_number_of_runs: j.max_number_of_runs,
    redirect_stderr_to_stdout: false,
    max_extract_size: j.max_extract_size,
    enable_batched_submissions: true,
    max_submission_batch_size: j.max_submission_batch_size,
    submission_cache_duration: 0,
    use_docs_as_homepage: false,
    allow_enable_network: config.sandbox.allowNetwork,
    enable_network: false,
  };
}
