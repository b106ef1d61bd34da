// Public surface of the trained-model bundle (see docs/bundle.md).
export { BUNDLE_FILES, BUNDLE_FORMAT, BUNDLE_VERSION, type BundleInput, type BundleManifest, type BundleOutput, type BundleSamples, type SampleArray } from './format.ts';
export { createBundle, bundleManifest, bundleSamples, trainedDocument, zipFiles, type BundleFiles, type SampleRows, type TrainedModel } from './write.ts';
export { bundleWeightPaths, readBundle, restoreCompiled, unzipBundle, BundleError, type ReadBundle } from './read.ts';
export { modelFiles, loadModelFiles, type ModelFiles } from './artifacts.ts';
export { metricsReport, type MetricsReport, type RunEvaluationReport } from './metrics.ts';
export { modelCard, describePreprocessing } from './card.ts';
export { FUSION_MODEL_MJS } from './runtimeSource.generated.ts';
