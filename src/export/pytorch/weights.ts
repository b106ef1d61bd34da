/**
 * tfjs weights → a PyTorch state_dict for model.py, as an .npz (numpy.load + torch.from_numpy, then
 * load_state_dict(strict=True)). Which tfjs weight feeds which parameter, and how it is transposed,
 * comes from the export plan (plan.ts), the same plan that wrote model.py.
 */
import type * as tf from '@tensorflow/tfjs';
import type { ProjectDocument } from '../../graph/index.ts';
import type { CompiledModel } from '../../compile/index.ts';
import { npz, type NpyArray } from '../npz.ts';
import { ExportError, planPytorch, tfjsLayerName, type PytorchPlan, type WeightTransform } from './plan.ts';

type FloatArray = Extract<NpyArray, { dtype: 'float32' }>;

/** Permutes a row-major array of `shape` by `perm` (out axis i = in axis perm[i]). */
export function permute(data: Float32Array, shape: readonly number[], perm: readonly number[]): { data: Float32Array; shape: number[] } {
  const rank = shape.length;
  if (perm.length !== rank) throw new Error(`permute: rank ${rank} but perm of ${perm.length}`);
  const outShape = perm.map((p) => shape[p] ?? 0);
  const inStrides = new Array<number>(rank).fill(1);
  for (let i = rank - 2; i >= 0; i--) inStrides[i] = (inStrides[i + 1] ?? 1) * (shape[i + 1] ?? 1);
  const strides = perm.map((p) => inStrides[p] ?? 0);
  const out = new Float32Array(data.length);
  const idx = new Array<number>(rank).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let i = 0; i < rank; i++) src += (idx[i] ?? 0) * (strides[i] ?? 0);
    out[o] = data[src] ?? 0;
    for (let i = rank - 1; i >= 0; i--) {
      idx[i] = (idx[i] ?? 0) + 1;
      if ((idx[i] ?? 0) < (outShape[i] ?? 0)) break;
      idx[i] = 0;
    }
  }
  return { data: out, shape: outShape };
}

const PERMS: Record<Exclude<WeightTransform, 'copy'>, { rank: number; perm: number[] }> = {
  transpose: { rank: 2, perm: [1, 0] },
  hwio: { rank: 4, perm: [3, 2, 0, 1] },
  wio: { rank: 3, perm: [2, 1, 0] },
};

function transform(data: Float32Array, shape: readonly number[], how: WeightTransform, what: string): FloatArray {
  if (how === 'copy') return { dtype: 'float32', shape: [...shape], data: Float32Array.from(data) };
  const { rank, perm } = PERMS[how];
  if (shape.length !== rank) throw new ExportError(`${what} has shape [${shape.join(', ')}], expected rank ${rank} for a ${how} conversion`);
  const out = permute(data, shape, perm);
  return { dtype: 'float32', shape: out.shape, data: out.data };
}

/** The tfjs model's weights by "<layer name>/<weight name>" (e.g. "n3__dense_1/kernel"). */
function tfjsWeights(model: tf.LayersModel): Map<string, tf.LayerVariable> {
  const out = new Map<string, tf.LayerVariable>();
  for (const layer of model.layers) {
    for (const v of layer.weights) {
      const prefix = `${layer.name}/`;
      const own = v.originalName.startsWith(prefix) ? v.originalName.slice(prefix.length) : (v.originalName.split('/').pop() ?? v.originalName);
      out.set(`${layer.name}/${own}`, v);
    }
  }
  return out;
}

/**
 * The state_dict of model.py's FusionModel, converted from the compiled (possibly trained) tfjs model,
 * in model.py's parameter order. Throws ExportError when a parameter has no tfjs weight, or a tfjs
 * weight is left over (the export would silently lose it).
 */
export function pytorchStateDict(doc: ProjectDocument, compiled: CompiledModel, plan: PytorchPlan = planPytorch(doc, compiled)): Map<string, FloatArray> {
  const source = tfjsWeights(compiled.model);
  const used = new Set<string>();
  const state = new Map<string, FloatArray>();
  for (const node of plan.nodes) {
    for (const rule of node.weights) {
      const key = `${node.ident}.${rule.key}`;
      if (state.has(key)) throw new ExportError(`the parameter ${key} is planned twice`);
      if ('zeros' in rule) {
        state.set(key, { dtype: 'float32', shape: [...rule.zeros], data: new Float32Array(rule.zeros.reduce((a, b) => a * b, 1)) });
        continue;
      }
      const name = `${tfjsLayerName(node, rule.role)}/${rule.weight}`;
      const v = source.get(name);
      if (!v) throw new ExportError(`the tfjs model has no weight ${name} (for ${key}); was it compiled from this project's graph?`);
      used.add(name);
      const data = v.read().dataSync();
      if (!(data instanceof Float32Array)) throw new ExportError(`the tfjs weight ${name} is not float32`);
      state.set(key, transform(data, v.shape.map((d) => d ?? 0), rule.transform, name));
    }
  }
  const left = [...source.keys()].filter((k) => !used.has(k));
  if (left.length > 0) throw new ExportError(`the PyTorch export has no place for the tfjs weights ${left.join(', ')}`);
  return state;
}

/** weights.npz: the state_dict of model.py as a numpy .npz (float32, little-endian). */
export function pytorchWeightsNpz(doc: ProjectDocument, compiled: CompiledModel, plan?: PytorchPlan): Uint8Array {
  return npz(pytorchStateDict(doc, compiled, plan ?? planPytorch(doc, compiled)));
}
