// Runs bench/pytorch_reference.py with the machine's Python (PYTHON, default /usr/bin/python3).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface PytorchModel {
  /** 64 / median step time, per round. */
  readonly runs: readonly number[];
  readonly meanRuns: readonly number[];
  readonly steps: readonly number[];
  /** 64 / median step time over every round. */
  readonly median: number;
  readonly mean: number;
  readonly paramCount: number;
}

export type PytorchRun =
  | { readonly available: false; readonly reason: string }
  | {
      readonly available: true;
      readonly torch: string;
      readonly python: string;
      readonly threads: number;
      readonly mkldnn: boolean;
      readonly models: Readonly<Record<string, PytorchModel>>;
      /** The same models with other thread counts (context: PyTorch's threads spin when the cores are busy). */
      readonly otherThreads?: Readonly<Record<string, Readonly<Record<string, PytorchModel>>>>;
    };

const SCRIPT = fileURLToPath(new URL('../pytorch_reference.py', import.meta.url));

export async function runPytorch(options: { models: readonly string[]; seconds: number; rounds: number; threads: readonly number[] }, log: (line: string) => void): Promise<PytorchRun> {
  const python = process.env['PYTHON'] ?? '/usr/bin/python3';
  if (!existsSync(python)) return { available: false, reason: `${python} does not exist (set PYTHON to a Python with torch)` };
  const args = [SCRIPT, '--models', options.models.join(','), '--seconds', String(options.seconds), '--rounds', String(options.rounds), '--threads', options.threads.join(',')];
  return new Promise<PytorchRun>((resolve) => {
    const child = spawn(python, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      for (const line of d.toString().split('\n')) if (line.startsWith('pytorch ')) log(line.trim());
    });
    child.on('error', (e) => resolve({ available: false, reason: `could not run ${python}: ${e.message}` }));
    child.on('close', (code) => {
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as PytorchRun);
      } catch {
        resolve({ available: false, reason: `${python} ${SCRIPT} exited with ${code}: ${err.trim().split('\n').pop() ?? ''}` });
      }
    });
  });
}
