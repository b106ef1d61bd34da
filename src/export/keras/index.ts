// Public surface of the Keras export: model.py + README.md (generate.ts), weights.npz, and the
// data files it shares with the PyTorch export (sample_batch.npz, dataset.npz).
export { generateKeras, kerasWeightEntries, kerasWeightsNpz, type KerasFiles, type KerasWeightEntry } from './generate.ts';
export { kerasLibrarySource, KERAS_CUSTOM_CLASSES } from './library.ts';
