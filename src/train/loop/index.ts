// Public surface of the training loop (framework-free; runs in the worker and in Node).
export { bindDataset, documentBindings, formatDims, modalityKindOf, BindingError, type DatasetBinding, type HeadTarget, type InputBinding } from './binding.ts';
export { batchesOf, gatherRows, makeBatch, disposeBatch, mixSeed, shuffled, splitIndices, type Batch, type Splits } from './batches.ts';
export { RunControl, yieldToEventLoop } from './control.ts';
export { explainNonFinite, scanInputs, SAFE_LEARNING_RATE } from './diagnose.ts';
export { ablateModalities, evaluateSplit, predict, summarise, type AblationRow, type Evaluation, type Predictions } from './evaluate.ts';
export { createOptimizer, disposeOptimizer, readModelWeights, readOptimizerState, writeModelWeights, writeOptimizerState, SGD_MOMENTUM, type OptimizerState, type SavedTensor } from './optimizer.ts';
export { pickProbeSamples, probeSamples, probeSnapshot, Throttle, type ProbeValues } from './probes.ts';
export { trainModel, type FallbackOptions, type ProbeOptions, type TrainOptions } from './trainer.ts';
export type * from './types.ts';
export { trainDocument, problemOf, type RunPlan, type SessionPhase, type TrainDocumentOptions, type TrainDocumentResult } from './session.ts';
export { trainStep, countCorrect } from './step.ts';
export { measureThroughput, type ThroughputOptions } from './throughput.ts';
