// Public surface of src/graph. Everything outside src/graph imports from here.
export * from './types.ts';
export { NODE_KINDS, getKind, kindsInCategory, type NodeKindId } from './registry.ts';
export { defaultParams, checkParam, paramProblems } from './params.ts';
export { parseProject, serializeProject, newProject, CURRENT_VERSION, MIGRATIONS, projectJsonSchema } from './document.ts';
export { inferShapes, formatShape } from './inferShapes.ts';
export { validateGraph } from './validate.ts';
export { checkConnection } from './connect.ts';
export { autoLayout } from './layout.ts';
export { encodeShareHash, decodeShareHash, SHARE_HASH_LIMIT } from './share.ts';
export { TEMPLATES, exampleProject, templateAvailability, type Template } from './templates.ts';
export { newId } from './ids.ts';

// Additions beyond the original contract (helpers the store/UI and later modules may use).
export { NODE_KIND_IDS, isNodeKindId } from './registry.ts';
export { resolveParams, describeSpec, type ParamProblem } from './params.ts';
export {
  DEFAULT_TRAINING,
  TRAINING_LIMITS,
  PROJECT_SCHEMA_ID,
  migrate,
  parseProjectWith,
  MigrationError,
  type Migration,
  type ParseOptions,
} from './document.ts';
export { totalParamCount } from './inferShapes.ts';
export { sortDiagnostics } from './validate.ts';
export { DIAGNOSTIC_INFO, andList, nodeTitle, describeNode, type DiagnosticInfo } from './diagnostics.ts';
export { LAYOUT_COLUMN_GAP, LAYOUT_ROW_GAP } from './layout.ts';
export { EXAMPLE_PROJECT_NAME, type TemplateAvailability } from './templates.ts';

// Additions for src/compile and src/cli (issue 3).
export { indexGraph, topoOrder, type GraphIndex } from './structure.ts';
export { COST_WARNING_PARAMS, formatCount } from './nodes/kit.ts';
export { MODALITY_DROPOUT_SLOTS } from './nodes/reg.modalityDropout.ts';
export { estimateTrainingMemory, formatBytes, type MemoryEstimate } from './memory.ts';

// Additions for datasets (issue 4): preprocessing recorded with the dataset choice, DatasetInfo,
// and fitting a graph's inputs to a dataset.
export {
  MODALITY_KINDS,
  SPLIT_NAMES,
  INPUT_KIND_FOR,
  preprocessingSchema,
  canonicalPreprocessing,
  roundStat,
  datasetChoiceKey,
  inputParamsFor,
  fitModality,
  fitGraphToDataset,
  applyParamChanges,
  type ModalityKind,
  type Preprocessing,
  type ImagePreprocessing,
  type AudioPreprocessing,
  type TextPreprocessing,
  type TabularPreprocessing,
  type SequencePreprocessing,
  type ModalitySpec,
  type SplitName,
  type DatasetInfo,
  type DatasetDescriptor,
  type ParamChange,
  type GraphFit,
  type FitModality,
} from './dataset.ts';
export { mulberry32 } from './random.ts';

// Info cards for every node kind (issue 8): what it does, math, cost, when to use it, its paper.
export { NODE_INFO, infoCard, type InfoCard, type NodeInfo } from './nodes/info.ts';
