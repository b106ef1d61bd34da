/**
 * Keras (TensorFlow 2) code export: model.py rebuilds the compiled tfjs model layer by layer in the
 * Keras functional API, from the model's own topology (tfjs-layers serialises it in Keras's format:
 * class, config, inbound nodes), so every node kind the compiler builds is covered by the classes
 * it uses: Keras's standard layers with the same configs and weight layouts, and the Fusion* layers
 * as Python classes (library.ts). The weights go to an .npz by layer (WEIGHTS in model.py says which
 * array is which tfjs weight), loaded with set_weights. Input and output names are the PyTorch
 * export's (plan.ts), so sample_batch.npz and dataset.npz serve both.
 *
 * Everything user-typed reaches the code through PythonNamer (identifiers) or pyStr (strings).
 */
import type * as tf from '@tensorflow/tfjs';
import type { ProjectDocument } from '../../graph/index.ts';
import type { CompiledModel } from '../../compile/index.ts';
import { npz, type NpyArray } from '../npz.ts';
import { mdText, pyComment, pyFloat, pyInt, PythonNamer, pyStr, pyValue } from '../python.ts';
import { ExportError, planPytorch, type PytorchPlan } from '../pytorch/plan.ts';
import { KERAS_CUSTOM_CLASSES, kerasLibrarySource } from './library.ts';

export interface KerasFiles {
  readonly 'model.py': string;
  readonly 'README.md': string;
}

/** One layer's weights in weights.npz, in the layer's weight order. */
export interface KerasWeightEntry {
  readonly layer: string;
  readonly weights: readonly { readonly name: string; readonly key: string; readonly shape: readonly number[] }[];
}

type Ref = readonly [string, number, number, ...unknown[]];
interface LayerJson {
  readonly class_name: string;
  readonly name: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly inbound_nodes: readonly (readonly Ref[])[];
}
interface ModelJson {
  readonly config: { readonly layers: readonly LayerJson[]; readonly input_layers: readonly Ref[]; readonly output_layers: readonly Ref[] };
}

const ACTIVATIONS = new Set(['linear', 'relu', 'gelu', 'tanh', 'sigmoid', 'softmax', 'elu', 'selu', 'softplus', 'softsign', 'swish', 'relu6']);
const PADDINGS = new Set(['same', 'valid']);
const LATE_MODES = new Set(['mean', 'weighted', 'stacking']);
/** Custom layers that take one tensor (the others take a list, as tfjs's tensorList reads them). */
const SINGLE_INPUT_CLASSES = new Set(['FusionPositions', 'FusionTransformerBlock']);

function configError(layer: LayerJson, key: string, value: unknown): ExportError {
  return new ExportError(`the Keras export cannot write ${layer.class_name} ${layer.name}: its ${key} is ${JSON.stringify(value)}`);
}

/** Config readers: each checks the value, then writes it as a Python literal. */
function readers(layer: LayerJson) {
  const c = layer.config;
  const get = (key: string): unknown => c[key];
  const int = (key: string): string => {
    const v = get(key);
    if (typeof v !== 'number' || !Number.isInteger(v)) throw configError(layer, key, v);
    return pyInt(v);
  };
  const float = (key: string): string => {
    const v = get(key);
    if (typeof v !== 'number' || !Number.isFinite(v)) throw configError(layer, key, v);
    return pyFloat(v);
  };
  const bool = (key: string, fallback?: boolean): string => {
    const v = get(key) ?? fallback;
    if (typeof v !== 'boolean') throw configError(layer, key, v);
    return v ? 'True' : 'False';
  };
  const ints = (key: string): string => {
    const v = get(key);
    const list = typeof v === 'number' ? [v] : v;
    if (!Array.isArray(list) || !list.every((x) => Number.isInteger(x))) throw configError(layer, key, v);
    return pyValue(list);
  };
  const oneOf = (key: string, allowed: ReadonlySet<string>): string => {
    const v = get(key);
    if (typeof v !== 'string' || !allowed.has(v)) throw configError(layer, key, v);
    return pyStr(v);
  };
  const is = (key: string, expected: unknown): void => {
    const v = get(key);
    if (v !== undefined && v !== null && v !== expected) throw configError(layer, key, v);
  };
  return { int, float, bool, ints, oneOf, is, get };
}

/** `ClassName(args…)` for one layer (without the name argument). */
function constructorOf(layer: LayerJson): { call: string; custom: boolean } {
  const r = readers(layer);
  const std = (cls: string, ...args: string[]): { call: string; custom: boolean } => ({ call: `layers.${cls}(${args.join(', ')})`, custom: false });
  const own = (cls: string, ...args: string[]): { call: string; custom: boolean } => ({ call: `${cls}(${args.join(', ')})`, custom: true });
  switch (layer.class_name) {
    case 'Dense':
      return std('Dense', r.int('units'), `activation=${r.oneOf('activation', ACTIVATIONS)}`, `use_bias=${r.bool('use_bias')}`);
    case 'Conv2D':
    case 'Conv1D':
      r.is('data_format', 'channels_last');
      return std(
        layer.class_name,
        r.int('filters'),
        `kernel_size=${r.ints('kernel_size')}`,
        `strides=${r.ints('strides')}`,
        `padding=${r.oneOf('padding', PADDINGS)}`,
        `dilation_rate=${r.ints('dilation_rate')}`,
        `activation=${r.oneOf('activation', ACTIVATIONS)}`,
        `use_bias=${r.bool('use_bias')}`,
      );
    case 'MaxPooling2D':
    case 'MaxPooling1D':
      r.is('data_format', 'channels_last');
      return std(layer.class_name, `pool_size=${r.ints('pool_size')}`, `strides=${r.ints('strides')}`, `padding=${r.oneOf('padding', PADDINGS)}`);
    case 'GlobalAveragePooling2D':
    case 'GlobalAveragePooling1D':
    case 'GlobalMaxPooling1D':
    case 'Flatten':
      r.is('data_format', 'channels_last');
      return std(layer.class_name);
    case 'Add':
    case 'Multiply':
    case 'Average':
    case 'Maximum':
      return std(layer.class_name);
    case 'Concatenate':
      return std('Concatenate', `axis=${r.int('axis')}`);
    case 'Reshape':
      return std('Reshape', `target_shape=${r.ints('target_shape')}`);
    case 'Cropping2D': {
      r.is('data_format', 'channels_last');
      const v = r.get('cropping');
      if (!Array.isArray(v) || v.length !== 2 || !v.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => Number.isInteger(x)))) throw configError(layer, 'cropping', v);
      return std('Cropping2D', `cropping=${pyValue(v)}`);
    }
    case 'Activation':
      return std('Activation', r.oneOf('activation', ACTIVATIONS));
    case 'Dropout':
      r.is('noise_shape', null);
      return std('Dropout', r.float('rate'));
    case 'Embedding':
      r.is('mask_zero', false);
      return std('Embedding', r.int('input_dim'), r.int('output_dim'));
    case 'LSTM':
    case 'GRU': {
      for (const k of ['return_state', 'go_backwards', 'stateful']) r.is(k, false);
      const args = [
        r.int('units'),
        `activation=${r.oneOf('activation', ACTIVATIONS)}`,
        `recurrent_activation=${r.oneOf('recurrent_activation', ACTIVATIONS)}`,
        `use_bias=${r.bool('use_bias')}`,
        `return_sequences=${r.bool('return_sequences')}`,
      ];
      // tfjs's GRU is Keras's reset_after=False variant (one bias, the reset gate before the product).
      if (layer.class_name === 'GRU') args.push(`reset_after=${r.bool('reset_after', false)}`);
      return std(layer.class_name, ...args);
    }
    case 'FusionModalityAttention':
      return own(layer.class_name, r.int('units'), `return_weights=${r.bool('return_weights', false)}`);
    case 'FusionCrossAttention':
      return own(layer.class_name, r.int('d_model'), r.int('heads'), r.int('ff_dim'), `dropout=${r.float('dropout')}`, `epsilon=${r.float('epsilon')}`, `return_weights=${r.bool('return_weights', false)}`);
    case 'FusionTransformerBlock':
      return own(layer.class_name, r.int('heads'), r.int('ff_dim'), `dropout=${r.float('dropout')}`, `epsilon=${r.float('epsilon')}`, `return_weights=${r.bool('return_weights', false)}`);
    case 'FusionTokenJoin':
      return own(layer.class_name, r.int('d_model'), `token_counts=${r.get('token_counts') === undefined ? 'None' : r.ints('token_counts')}`);
    case 'FusionTensor':
    case 'FusionFiLM':
      return own(layer.class_name);
    case 'FusionLowRank':
      return own(layer.class_name, r.int('units'), r.int('rank'));
    case 'FusionGated':
      return own(layer.class_name, r.int('units'), `return_weights=${r.bool('return_weights', false)}`);
    case 'FusionBilinear':
      return own(layer.class_name, r.int('factor'), r.int('units'), `epsilon=${r.float('epsilon')}`);
    case 'FusionLateCombine':
      return own(layer.class_name, r.oneOf('mode', LATE_MODES), `return_weights=${r.bool('return_weights', false)}`);
    case 'FusionModalityDropout':
      return own(layer.class_name, r.float('rate'), `use_mask=${r.bool('use_mask', false)}`);
    case 'FusionPositions':
      return own(layer.class_name, `cls=${r.bool('cls', false)}`, `positions=${r.bool('positions', true)}`);
    default:
      throw new ExportError(`the Keras export has no counterpart for the tfjs layer class ${layer.class_name} (${layer.name})`);
  }
}

/** The tfjs model's topology as Keras-format JSON. */
function topology(model: tf.LayersModel): ModelJson {
  return model.toJSON(null, false) as unknown as ModelJson;
}

/** Per layer with weights (model order): its weights' short names, npz keys and shapes. */
export function kerasWeightEntries(model: tf.LayersModel): KerasWeightEntry[] {
  let n = 0;
  const out: KerasWeightEntry[] = [];
  for (const layer of model.layers) {
    if (layer.weights.length === 0) continue;
    const prefix = `${layer.name}/`;
    out.push({
      layer: layer.name,
      weights: layer.weights.map((w) => ({
        name: w.originalName.startsWith(prefix) ? w.originalName.slice(prefix.length) : (w.originalName.split('/').pop() ?? w.originalName),
        key: `w${n++}`,
        shape: w.shape.map((d) => d ?? 0),
      })),
    });
  }
  return out;
}

/** weights.npz of the Keras export: every tfjs weight as it is (Keras uses the same layouts). */
export function kerasWeightsNpz(model: tf.LayersModel): Uint8Array {
  const arrays = new Map<string, NpyArray>();
  const entries = kerasWeightEntries(model);
  const byLayer = new Map(model.layers.map((l) => [l.name, l]));
  for (const e of entries) {
    const layer = byLayer.get(e.layer);
    if (!layer) throw new ExportError(`no layer ${e.layer}`);
    layer.weights.forEach((w, i) => {
      const data = w.read().dataSync();
      if (!(data instanceof Float32Array)) throw new ExportError(`the tfjs weight ${w.originalName} is not float32`);
      const entry = e.weights[i];
      if (!entry) throw new ExportError(`no entry for weight ${i} of ${e.layer}`);
      arrays.set(entry.key, { dtype: 'float32', shape: [...entry.shape], data: Float32Array.from(data) });
    });
  }
  return npz(arrays);
}

interface Built {
  readonly classes: string[];
  readonly body: string[];
  readonly inputs: string[];
  readonly outputs: string[];
}

/** The body of build_model(): one statement per layer, grouped and commented by node. */
function buildBody(doc: ProjectDocument, compiled: CompiledModel, plan: PytorchPlan): Built {
  const json = topology(compiled.model);
  const namer = new PythonNamer();
  for (const i of plan.inputs) namer.reserve(i.name);
  const idents = new Map<string, string>();
  const multi = new Set(compiled.model.layers.filter((l) => Array.isArray(l.output)).map((l) => l.name));
  const nodeOfLayer = new Map<string, string>();
  for (const [nodeId, names] of Object.entries(compiled.layers)) for (const n of names) nodeOfLayer.set(n, nodeId);
  const nodes = new Map(doc.graph.nodes.map((n) => [n.id, n]));
  const inputNames = new Map(plan.inputs.map((p, i) => [compiled.inputs[i]?.name ?? '', p.name]));

  const ref = (r: Ref, where: string): string => {
    const [name, nodeIndex, tensorIndex] = r;
    if (nodeIndex !== 0) throw new ExportError(`the layer ${name} is used more than once (at ${where}); the Keras export writes each layer once`);
    const ident = idents.get(name);
    if (ident === undefined) throw new ExportError(`the layer ${where} uses ${name} before it is built`);
    return multi.has(name) ? `${ident}[${pyInt(tensorIndex)}]` : ident;
  };

  const classes = new Set<string>();
  const body: string[] = [];
  let lastNode: string | undefined;
  // Grouped by node, in the order the compiler built the nodes (a topological order of the layers too).
  const rank = new Map(compiled.order.map((id, i) => [id, i]));
  const grouped = json.config.layers.every((l) => rank.has(nodeOfLayer.get(l.name) ?? ''));
  const ordered = grouped
    ? json.config.layers.map((l, i) => ({ l, i })).sort((a, b) => (rank.get(nodeOfLayer.get(a.l.name) ?? '') ?? 0) - (rank.get(nodeOfLayer.get(b.l.name) ?? '') ?? 0) || a.i - b.i).map((x) => x.l)
    : json.config.layers;
  for (const layer of ordered) {
    const nodeId = nodeOfLayer.get(layer.name);
    if (nodeId !== undefined && nodeId !== lastNode) {
      const node = nodes.get(nodeId);
      body.push(`# ${node?.label === undefined ? '' : `${pyComment(node.label)} `}(${node?.kind ?? 'node'}, node ${pyComment(nodeId)})`);
      lastNode = nodeId;
    }
    if (layer.class_name === 'InputLayer') {
      const ident = inputNames.get(layer.name) ?? namer.name(layer.name, 'input');
      idents.set(layer.name, ident);
      const shape = layer.config['batch_input_shape'];
      const dtype = layer.config['dtype'];
      if (!Array.isArray(shape) || !shape.slice(1).every((d) => Number.isInteger(d))) throw configError(layer, 'batch_input_shape', shape);
      if (dtype !== 'float32' && dtype !== 'int32') throw configError(layer, 'dtype', dtype);
      body.push(`${ident} = keras.Input(shape=${pyValue(shape.slice(1))}, dtype=${pyStr(dtype)}, name=${pyStr(layer.name)})`);
      continue;
    }
    if (layer.inbound_nodes.length !== 1) throw new ExportError(`the layer ${layer.name} is applied ${layer.inbound_nodes.length} times; the Keras export writes each layer once`);
    const inbound = layer.inbound_nodes[0] ?? [];
    for (const r of inbound) {
      const kwargs = r[3];
      if (kwargs !== undefined && kwargs !== null && Object.keys(kwargs as object).length > 0) throw new ExportError(`the layer ${layer.name} is called with arguments ${JSON.stringify(kwargs)}, which the Keras export does not write`);
    }
    const args = inbound.map((r) => ref(r, layer.name));
    const { call, custom } = constructorOf(layer);
    if (custom) classes.add(layer.class_name);
    const ident = namer.name(layer.name, 'layer');
    idents.set(layer.name, ident);
    const named = call.endsWith('()') ? `${call.slice(0, -1)}name=${pyStr(layer.name)})` : `${call.slice(0, -1)}, name=${pyStr(layer.name)})`;
    const single = custom ? SINGLE_INPUT_CLASSES.has(layer.class_name) : args.length === 1;
    if (single && args.length !== 1) throw new ExportError(`the layer ${layer.name} (${layer.class_name}) takes one input, but ${args.length} arrive`);
    body.push(`${ident} = ${named}(${single ? (args[0] as string) : `[${args.join(', ')}]`})`);
  }
  const inputs = json.config.input_layers.map((r) => ref(r, 'the model inputs'));
  const outputs = json.config.output_layers.map((r) => ref(r, 'the model outputs'));
  return { classes: KERAS_CUSTOM_CLASSES.filter((c) => classes.has(c)), body, inputs, outputs };
}

const tuple = (xs: readonly string[]): string => (xs.length === 1 ? `(${xs[0]},)` : `(${xs.join(', ')})`);

function modelPy(doc: ProjectDocument, compiled: CompiledModel, plan: PytorchPlan): string {
  const built = buildBody(doc, compiled, plan);
  const weights = kerasWeightEntries(compiled.model);
  const indent = (lines: readonly string[]): string => lines.map((l) => `    ${l}`).join('\n');
  const weightLines = weights.map((e) => `    ${pyStr(e.layer)}: ${tuple(e.weights.map((w) => `(${pyStr(w.name)}, ${pyStr(w.key)}, ${pyValue([...w.shape])})`))},`);
  return `"""Keras (TensorFlow 2) export of the Fusion Designer project ${pyStr(doc.name).replace(/"/g, '\\x22')}.

build_model() rebuilds the model in the Keras functional API (tf.keras 2 or Keras 3 with the
TensorFlow backend); load_weights() puts the trained browser weights (weights.npz) into it.
    python model.py --weights weights.npz --check sample_batch.npz
compares it with the browser's outputs on a sample batch.
"""
import argparse
import math

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


${built.classes.length > 0 ? `${kerasLibrarySource(built.classes)}\n\n\n` : ''}# Model inputs (build_model's input order), outputs and attention / gate probes (after the outputs).
INPUTS = ${tuple(plan.inputs.map((i) => pyStr(i.name)))}
OUTPUTS = ${tuple(plan.heads.map((h) => pyStr(h.name)))}
PROBES = ${plan.probes.length === 0 ? '()' : tuple(plan.probes.map((p) => pyStr(p.name)))}

# Per layer with weights: (tfjs weight name, key in weights.npz, shape), in the layer's weight order.
WEIGHTS = {
${weightLines.join('\n')}
}


def build_model():
    """The Fusion Designer graph as a keras.Model (channels last, as in the browser)."""
${indent(built.body)}
    return keras.Model(inputs=${`[${built.inputs.join(', ')}]`}, outputs=${`[${built.outputs.join(', ')}]`}, name='fusion_model')


def load_weights(model, path='weights.npz'):
    """Sets every layer's weights from the exported .npz (shapes are checked by set_weights)."""
    with np.load(path) as arrays:
        for layer_name, entries in WEIGHTS.items():
            model.get_layer(layer_name).set_weights([arrays[key] for _, key, _ in entries])
    return model


def check_sample(model, path='sample_batch.npz'):
    """Runs the exported sample batch; returns the largest |keras - tfjs| per output and probe."""
    diffs = {}
    with np.load(path) as data:
        xs = [data['x.' + name] for name in INPUTS]
        ys = model(xs if len(xs) > 1 else xs[0], training=False)
        ys = ys if isinstance(ys, (list, tuple)) else [ys]
        keys = ['y.' + name for name in OUTPUTS] + ['p.' + name for name in PROBES]
        for key, y in zip(keys, ys):
            diffs[key[2:]] = float(np.max(np.abs(np.asarray(y) - data[key])))
    return diffs


def main():
    parser = argparse.ArgumentParser(description='Load the exported weights and compare with the browser.')
    parser.add_argument('--weights', default='weights.npz')
    parser.add_argument('--check', default=None, help='sample_batch.npz to compare with')
    parser.add_argument('--tolerance', type=float, default=1e-4)
    args = parser.parse_args()
    model = load_weights(build_model(), args.weights)
    model.summary()
    if args.check:
        diffs = check_sample(model, args.check)
        for name, d in diffs.items():
            print('%-32s max |keras - tfjs| = %.3g' % (name, d))
        worst = max(diffs.values()) if diffs else 0.0
        print('OK' if worst <= args.tolerance else 'MISMATCH (tolerance %g)' % args.tolerance)
        raise SystemExit(0 if worst <= args.tolerance else 1)


if __name__ == '__main__':
    main()
`;
}

function readme(doc: ProjectDocument, plan: PytorchPlan): string {
  const row = (...cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [
    `# ${mdText(doc.name)}: Keras export`,
    '',
    'Generated by Fusion Designer for TensorFlow 2 (tf.keras 2.x, or Keras 3 with the TensorFlow backend).',
    '',
    '| file | what |',
    '| --- | --- |',
    '| model.py | `build_model()`: the graph in the Keras functional API, the fusion layers as Python classes; `load_weights()` |',
    '| weights.npz | the trained browser weights, one array per tfjs weight (Keras uses the same layouts); model.py\'s WEIGHTS says which |',
    '| sample_batch.npz | a sample batch: the inputs and the browser\'s outputs for them |',
    '',
    '## Use',
    '```python',
    'from model import build_model, load_weights',
    'model = load_weights(build_model(), "weights.npz")',
    `outputs = model([${plan.inputs.map((i) => i.name).join(', ')}])  # OUTPUTS, then PROBES`,
    '```',
    '`python model.py --weights weights.npz --check sample_batch.npz` compares Keras with the browser on the sample batch.',
    "(Fusion Designer's own tests run this code on a NumPy re-implementation of the TensorFlow ops and Keras layers",
    'it uses and match the browser within 1e-4; run the check once with your TensorFlow.)',
    '',
    '## Inputs (in order)',
    '',
    row('input', 'node', 'kind', 'shape (batch first)', 'dtype'),
    row('---', '---', '---', '---', '---'),
    ...plan.inputs.map((i) => row(`\`${i.name}\``, mdText(i.label ?? i.nodeId), i.kind, `[B, ${i.shape.join(', ')}]`, i.dtype)),
    '',
    'Channels last, as in the browser. Apply the project\'s preprocessing (the model bundle\'s fusion-bundle.json records it).',
    '',
    '## Outputs',
    '',
    row('output', 'node', 'shape', 'training loss'),
    row('---', '---', '---', '---'),
    ...plan.heads.map((h) => row(`\`${h.name}\``, mdText(h.label ?? h.nodeId), `[B, ${h.shape.join(', ')}]`, h.loss)),
    '',
    '## Train further',
    '```python',
    'import numpy as np',
    'from tensorflow import keras',
    'from model import INPUTS, OUTPUTS, build_model, load_weights',
    'model = load_weights(build_model(), "weights.npz")',
    'data = np.load("dataset.npz")   # when exported with the dataset',
    'train = data["split"] == 0',
    'xs = [data["x." + name][train] for name in INPUTS]',
    '# one target per output, e.g. the class labels for a classifier trained with softmax cross-entropy:',
    'model = keras.Model(model.inputs, model.outputs[:len(OUTPUTS)])',
    'model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))',
    'model.fit(xs, data["labels"][train], epochs=10)',
    '```',
    '',
  ].join('\n');
}

/** model.py and README.md for `compiled`, which must be compiled from `doc.graph`. */
export function generateKeras(doc: ProjectDocument, compiled: CompiledModel, plan: PytorchPlan = planPytorch(doc, compiled)): KerasFiles {
  return { 'model.py': modelPy(doc, compiled, plan), 'README.md': readme(doc, plan) };
}
