/**
 * The data files of the PyTorch export: sample_batch.npz (inputs and the browser's outputs for them,
 * what `python model.py --check` compares against) and dataset.npz (what train.py reads).
 * Keys use model.py's names: 'x.<input>', 'y.<output>', 'p.<probe>'.
 */
import * as tf from '@tensorflow/tfjs';
import type { ProjectDocument } from '../../graph/index.ts';
import type { CompiledModel } from '../../compile/index.ts';
import { npz, type NpyArray } from '../npz.ts';
import { ExportError, planPytorch, type PytorchPlan } from './plan.ts';

function arrayOf(t: tf.Tensor): NpyArray {
  const data = t.dataSync();
  if (data instanceof Float32Array) return { dtype: 'float32', shape: [...t.shape], data: Float32Array.from(data) };
  if (data instanceof Int32Array) return { dtype: 'int32', shape: [...t.shape], data: Int32Array.from(data) };
  throw new ExportError(`cannot export a ${t.dtype} tensor`);
}

/**
 * sample_batch.npz: `inputs` (one tensor per model input, compiled.inputs order, batch first), the
 * tfjs model's outputs for them ('y.<output>') and its probes ('p.<probe>'), predicted in inference
 * mode. The caller keeps ownership of `inputs`.
 */
export function pytorchSampleBatch(doc: ProjectDocument, compiled: CompiledModel, inputs: readonly tf.Tensor[], plan: PytorchPlan = planPytorch(doc, compiled)): Uint8Array {
  if (inputs.length !== plan.inputs.length) throw new ExportError(`the model takes ${plan.inputs.length} inputs, got ${inputs.length}`);
  const arrays = new Map<string, NpyArray>();
  plan.inputs.forEach((input, i) => arrays.set(`x.${input.name}`, arrayOf(inputs[i] as tf.Tensor)));
  const predicted = compiled.model.predict([...inputs]) as tf.Tensor | tf.Tensor[];
  const outs = Array.isArray(predicted) ? predicted : [predicted];
  try {
    plan.heads.forEach((head, i) => {
      const y = outs[compiled.outputs[i]?.outputIndex ?? -1];
      if (!y) throw new ExportError(`the model gave no output for ${head.nodeId}`);
      arrays.set(`y.${head.name}`, arrayOf(y));
    });
    plan.probes.forEach((probe, i) => {
      const y = outs[compiled.probes[i]?.outputIndex ?? -1];
      if (!y) throw new ExportError(`the model gave no probe for ${probe.nodeId}`);
      arrays.set(`p.${probe.name}`, arrayOf(y));
    });
  } finally {
    tf.dispose(outs);
  }
  return npz(arrays);
}

/** The dataset as train.py reads it. Arrays are row-major with the sample axis first. */
export interface ExportDataset {
  /** One array per model input, in compiled.inputs order: Float32Array, or Int32Array for token ids. */
  readonly inputs: readonly (Float32Array | Int32Array)[];
  /** Class index per sample. */
  readonly labels: Int32Array;
  /** 0 train, 1 validation, 2 test per sample. */
  readonly split: Uint8Array;
}

/** dataset.npz for train.py: 'x.<input>' [N, …shape], 'labels' [N], 'split' [N]. */
export function pytorchDatasetNpz(doc: ProjectDocument, compiled: CompiledModel, dataset: ExportDataset, plan: PytorchPlan = planPytorch(doc, compiled)): Uint8Array {
  const n = dataset.labels.length;
  if (dataset.split.length !== n) throw new ExportError(`split has ${dataset.split.length} rows, labels ${n}`);
  if (dataset.inputs.length !== plan.inputs.length) throw new ExportError(`the model takes ${plan.inputs.length} inputs, the dataset has ${dataset.inputs.length}`);
  const arrays = new Map<string, NpyArray>();
  plan.inputs.forEach((input, i) => {
    const data = dataset.inputs[i] as Float32Array | Int32Array;
    const shape = [n, ...input.shape];
    const size = shape.reduce((a, b) => a * b, 1);
    if (data.length !== size) throw new ExportError(`the input ${input.name} has ${data.length} values, expected ${size} ([${shape.join(', ')}])`);
    const wantInt = input.dtype === 'int32';
    if (wantInt !== data instanceof Int32Array) throw new ExportError(`the input ${input.name} must be ${input.dtype}`);
    arrays.set(`x.${input.name}`, data instanceof Int32Array ? { dtype: 'int32', shape, data } : { dtype: 'float32', shape, data });
  });
  arrays.set('labels', { dtype: 'int32', shape: [n], data: dataset.labels });
  arrays.set('split', { dtype: 'uint8', shape: [n], data: dataset.split });
  return npz(arrays);
}
