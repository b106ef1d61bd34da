// Test support (imported by *.test.ts only): main() run in-process with captured streams.
import type { CliFiles } from './files.ts';
import { main } from './main.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in-process; `readFile` answers the project reads, `files` the rest. */
export async function captureCli(argv: readonly string[], readFile: (path: string) => Promise<string>, files?: CliFiles): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readFile,
    ...(files === undefined ? {} : { files }),
  });
  return { code, stdout, stderr };
}
