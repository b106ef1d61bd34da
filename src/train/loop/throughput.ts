// Training throughput of a compiled model on the current backend: the probe behind "auto".
import type { CompiledModel } from '../../compile/index.ts';
import type { TrainingSettings } from '../../graph/index.ts';
import type { DatasetArrays } from '../../data/types.ts';
import { disposeBatch, makeBatch, mixSeed } from './batches.ts';
import type { DatasetBinding } from './binding.ts';
import { createOptimizer, disposeOptimizer } from './optimizer.ts';
import { trainStep } from './step.ts';

export interface ThroughputOptions {
  /** Builds and binds the model on the current backend (called once; the model is disposed here). */
  readonly build: () => { readonly compiled: CompiledModel; readonly binding: DatasetBinding };
  readonly data: DatasetArrays;
  readonly settings: TrainingSettings;
  /** Training samples to draw batches from. */
  readonly samples: Int32Array;
  /** Timed steps after the warm-up ones (default 4). */
  readonly steps?: number;
  /** Untimed steps first: shader compilation, kernel setup, allocation (default 2). */
  readonly warmup?: number;
  /**
   * Time budget in ms (default 1500): warm-up ends early, and timing stops after at least one
   * timed step, once it is spent, so a slow backend (cpu on a CNN) does not hold up the choice.
   */
  readonly budgetMs?: number;
  readonly now?: () => number;
}

/**
 * Samples per second of real training steps (forward, backward, update, one read of the loss per
 * step, as the loop does) of a freshly compiled model on the current backend. Disposes the model,
 * optimizer and batches; throws what the backend throws (a missing kernel, a lost context).
 */
export async function measureThroughput(options: ThroughputOptions): Promise<number> {
  const now = options.now ?? (() => performance.now());
  const steps = Math.max(1, options.steps ?? 4);
  const warmup = Math.max(0, options.warmup ?? 2);
  const size = Math.max(1, Math.min(options.settings.batchSize, options.samples.length));
  const { compiled, binding } = options.build();
  const optimizer = createOptimizer(options.settings);
  const primary = binding.targets[0];
  let batch: ReturnType<typeof makeBatch> | null = null;
  try {
    batch = makeBatch(options.data, binding, options.samples.subarray(0, size));
    const budget = options.budgetMs ?? 1500;
    const start = now();
    let i = 0;
    const run = async (): Promise<void> => {
      const stats = trainStep(compiled, optimizer, batch as NonNullable<typeof batch>, primary, binding.classes, mixSeed(options.settings.seed, -1, i++));
      try {
        await stats.read();
      } finally {
        stats.dispose();
      }
    };
    for (let w = 0; w < warmup && now() - start < budget / 2; w++) await run();
    const t0 = now();
    let timed = 0;
    while (timed < steps && (timed === 0 || now() - t0 < budget / 2)) {
      await run();
      timed += 1;
    }
    const seconds = Math.max(1e-9, (now() - t0) / 1000);
    return (timed * size) / seconds;
  } finally {
    if (batch) disposeBatch(batch);
    disposeOptimizer(optimizer);
    compiled.model.dispose();
  }
}
