// Public surface of the PyTorch export: code (model.py, train.py, README.md), weights.npz, and the
// data files (sample_batch.npz, dataset.npz).
export { generatePytorch, PYTORCH_DATASET_FILE, PYTORCH_SAMPLE_FILE, PYTORCH_WEIGHTS_FILE, type PytorchFiles } from './generate.ts';
export { pytorchStateDict, pytorchWeightsNpz } from './weights.ts';
export { pytorchDatasetNpz, pytorchSampleBatch, type ExportDataset } from './samples.ts';
export { planPytorch, ExportError, type PytorchPlan } from './plan.ts';
