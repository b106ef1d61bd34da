// Graph → tf.LayersModel: validate, order topologically, one builder per node, then assemble.
import * as tf from '@tensorflow/tfjs';
import {
  describeNode,
  formatShape,
  getKind,
  indexGraph,
  inferShapes,
  isNodeKindId,
  resolveParams,
  topoOrder,
  validateGraph,
  type Graph,
  type GraphNode,
  type NodeKindId,
  type TypedShape,
} from '../graph/index.ts';
import { builders } from './builders/index.ts';
import { CompileError, cleanMessage } from './errors.ts';
import { lossForDecision } from './loss.ts';
import { layerOutputValues, nodeMemory, totalMemory } from './memory.ts';
import { withSeed } from './seed.ts';
import type {
  BuildContext,
  BuildOutput,
  CompiledModel,
  CompileOptions,
  HeadOutput,
  ModelInput,
  NodeMemory,
  Probe,
  ProbeSpec,
  Source,
} from './types.ts';

// Importing the layers registers every custom class for serialisation (saved models reload).
import './layers/index.ts';

/** Separates a node's (safe) id from the layer's role in layer names: "n3__dense_1". */
export const LAYER_SEPARATOR = '__';

/** A tfjs-safe version of a node id (tfjs names match /^[A-Za-z0-9][-A-Za-z0-9._/]*$/; "/" is a scope). */
export function safeLayerPrefix(id: string): string {
  const s = id.replace(/[^A-Za-z0-9._-]/g, '_');
  return /^[A-Za-z0-9]/.test(s) ? s : `n${s}`;
}

/** tfjs layer prefixes per node id (document order, deduplicated with _2, _3…); the PyTorch export names its layers alike. */
export function safePrefixes(ids: readonly string[]): Map<string, string> {
  const taken = new Set<string>();
  const out = new Map<string, string>();
  for (const id of ids) {
    const base = safeLayerPrefix(id);
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    out.set(id, name);
  }
  return out;
}

function sameDims(t: tf.SymbolicTensor, promised: TypedShape): boolean {
  const got = t.shape.slice(1);
  return got.length === promised.shape.length && got.every((d, i) => d === promised.shape[i]);
}

/** The prediction output port of a kind (heads and fusion.late), if any. */
function predictionPort(kindId: string): string | undefined {
  return getKind(kindId)?.outputs.find((p) => p.type === 'prediction')?.name;
}

/**
 * Compiles a graph to a trainable tf.LayersModel.
 *
 * - Validates first: any error diagnostic becomes a CompileError naming its node and number.
 * - Builds nodes in topological order; nodes that lead to no model output are left out.
 * - Model inputs: one tf.input per input node that is used, in document order, named by node id
 *   (audio takes the spectrogram [T, F]; text takes int32 token ids [T]).
 * - Model outputs: first the heads — every prediction nobody consumes (head.* or fusion.late), in
 *   document order — then the probes (attention maps, gate values) in document order of their
 *   nodes. Heads output logits (softmax / sigmoid in the loss), or values for regression.
 * - Every layer is named "<node id>__<role>" (the input by the node id), so weights map back to nodes.
 *
 * Throws CompileError; never lets a raw tfjs error through.
 */
export function compileGraph(graph: Graph, options: CompileOptions = {}): CompiledModel {
  const wantProbes = options.probes ?? true;
  const batchSize = options.batchSize ?? 32;
  const shapes = inferShapes(graph);
  const errors = validateGraph(graph, shapes).filter((d) => d.severity === 'error');
  const first = errors[0];
  if (first) {
    const more = errors.length - 1;
    const tail = more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'}; fix this one first)` : '';
    throw new CompileError(`${first.number}: ${first.message}${tail}`, {
      ...(first.nodeId === undefined ? {} : { nodeId: first.nodeId }),
      number: first.number,
      diagnostics: errors,
    });
  }

  const idx = indexGraph(graph);
  const docOrder = [...idx.nodes.keys()];
  const byId = (id: string): GraphNode => {
    const n = idx.nodes.get(id);
    if (!n) throw new CompileError(`There is no node "${id}".`);
    return n;
  };

  // Model outputs: predictions that no edge consumes.
  const sinks = docOrder.filter((id) => {
    const port = predictionPort(byId(id).kind);
    return port !== undefined && !idx.linked.some((e) => e.source === id && e.sourcePort === port);
  });
  if (sinks.length === 0) {
    throw new CompileError('The model has no output: every prediction feeds another node. Add a head, or end the graph in a late fusion.');
  }

  // Only nodes on a path to an output are built.
  const needed = new Set<string>(sinks);
  const queue = [...sinks];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    for (const e of idx.linked) {
      if (e.target === id && !needed.has(e.source)) {
        needed.add(e.source);
        queue.push(e.source);
      }
    }
  }
  const order = topoOrder(docOrder, idx.linked).order.filter((id) => needed.has(id));
  const prefixes = safePrefixes(docOrder);

  const built = new Map<string, Readonly<Record<string, tf.SymbolicTensor>>>();
  const inputTensors = new Map<string, { tensor: tf.SymbolicTensor; dtype: 'float32' | 'int32'; name: string }>();
  const probeSpecs = new Map<string, readonly ProbeSpec[]>();
  const hidden = new Map<string, number>();
  const layerOwner = new Map<string, string>();

  withSeed(options.seed, () => {
    for (const id of order) {
      const node = byId(id);
      const kind = getKind(node.kind);
      if (!kind || !isNodeKindId(node.kind)) throw new CompileError(`${describeNode(node)} has an unknown kind "${node.kind}".`, { nodeId: id });
      const kindId: NodeKindId = node.kind;
      const prefix = prefixes.get(id) ?? safeLayerPrefix(id);
      const inputs: Record<string, tf.SymbolicTensor[]> = {};
      const sources: Record<string, Source[]> = {};
      const inputShapes: Record<string, TypedShape[]> = {};
      for (const port of kind.inputs) {
        inputs[port.name] = [];
        sources[port.name] = [];
        inputShapes[port.name] = [];
        for (const e of idx.linked) {
          if (e.target !== id || e.targetPort !== port.name) continue;
          const tensor = built.get(e.source)?.[e.sourcePort];
          const shape = shapes.edges[e.id];
          if (!tensor || !shape) {
            throw new CompileError(`${describeNode(node)}: the edge ${e.id} into its "${port.label}" input carries nothing. Check the node it comes from.`, { nodeId: id });
          }
          inputs[port.name]?.push(tensor);
          sources[port.name]?.push({ nodeId: e.source, port: e.sourcePort });
          inputShapes[port.name]?.push(shape);
        }
      }
      const roles = new Set<string>();
      const ctx: BuildContext = {
        node,
        params: resolveParams(kind, node.params),
        inputs,
        sources,
        inputShapes,
        outputShapes: shapes.nodeOutputs[id] ?? {},
        probes: wantProbes,
        name: (role) => {
          if (roles.has(role)) throw new Error(`the layer role "${role}" is used twice`);
          roles.add(role);
          const name = `${prefix}${LAYER_SEPARATOR}${role}`;
          layerOwner.set(name, id);
          return name;
        },
        modelInput: (shape, dtype) => {
          const tensor = tf.input({ shape: [...shape], dtype, name: prefix });
          layerOwner.set(prefix, id);
          inputTensors.set(id, { tensor, dtype, name: prefix });
          return tensor;
        },
      };
      let out: BuildOutput;
      try {
        out = builders[kindId](ctx);
      } catch (err) {
        if (err instanceof CompileError) throw err;
        const arriving = Object.values(inputShapes).flat().map(formatShape).join(', ');
        throw new CompileError(
          `${describeNode(node)} could not be built: ${cleanMessage(err)}. Check its parameters${arriving ? ` and the shapes arriving at it (${arriving})` : ''}; if they look right, this is a bug in Fusion Designer, please report it.`,
          { nodeId: id },
        );
      }
      for (const [port, promised] of Object.entries(ctx.outputShapes)) {
        const tensor = out.outputs[port];
        if (!tensor || !sameDims(tensor, promised)) {
          const got = tensor ? `[${tensor.shape.slice(1).join(', ')}]` : 'nothing';
          throw new CompileError(
            `${describeNode(node)}: its layers give ${got} at "${port}" but shape inference promised ${formatShape(promised)}. This is a bug in Fusion Designer; please report it.`,
            { nodeId: id },
          );
        }
      }
      built.set(id, out.outputs);
      if (out.probes && out.probes.length > 0) probeSpecs.set(id, out.probes);
      hidden.set(id, out.hiddenActivations ?? 0);
    }
  });

  // Inputs, heads and probes in document order.
  const inputs: ModelInput[] = [];
  for (const id of docOrder) {
    const t = inputTensors.get(id);
    if (!t) continue;
    inputs.push({ nodeId: id, kind: byId(id).kind as NodeKindId, inputIndex: inputs.length, name: t.name, shape: t.tensor.shape.slice(1) as number[], dtype: t.dtype });
  }
  const outputTensors: tf.SymbolicTensor[] = [];
  const heads: HeadOutput[] = sinks.map((id) => {
    const port = predictionPort(byId(id).kind) ?? 'out';
    const tensor = built.get(id)?.[port];
    const promised = shapes.nodeOutputs[id]?.[port];
    if (!tensor || !promised) throw new CompileError(`${describeNode(byId(id))} gives no prediction.`, { nodeId: id });
    outputTensors.push(tensor);
    const decision = promised.decision ?? 'softmax';
    return { nodeId: id, kind: byId(id).kind as NodeKindId, outputIndex: outputTensors.length - 1, shape: [...promised.shape], decision, loss: lossForDecision(decision) };
  });
  const probes: Probe[] = [];
  for (const id of docOrder) {
    for (const spec of probeSpecs.get(id) ?? []) {
      outputTensors.push(spec.tensor);
      probes.push({
        nodeId: id,
        kind: byId(id).kind as NodeKindId,
        outputIndex: outputTensors.length - 1,
        shape: spec.tensor.shape.slice(1) as number[],
        meaning: spec.meaning,
        axes: spec.axes,
        ...(spec.groups ? { groups: spec.groups } : {}),
      });
    }
  }

  let model: tf.LayersModel;
  try {
    model = tf.model({ inputs: inputs.map((i) => (inputTensors.get(i.nodeId) as { tensor: tf.SymbolicTensor }).tensor), outputs: outputTensors, name: 'fusion_designer' });
  } catch (err) {
    throw new CompileError(`The model could not be assembled: ${cleanMessage(err)}. This is a bug in Fusion Designer; please report it.`);
  }

  // Parameters, layers and memory per node, counted on the built layers.
  const layers: Record<string, string[]> = {};
  const paramCounts: Record<string, number> = {};
  const values: Record<string, number> = {};
  for (const id of order) {
    layers[id] = [];
    paramCounts[id] = 0;
    values[id] = hidden.get(id) ?? 0;
  }
  for (const layer of model.layers) {
    const id = layerOwner.get(layer.name);
    if (id === undefined) continue;
    layers[id]?.push(layer.name);
    paramCounts[id] = (paramCounts[id] ?? 0) + layer.countParams();
    values[id] = (values[id] ?? 0) + layerOutputValues(layer);
  }
  const perNode: Record<string, NodeMemory> = {};
  for (const id of order) {
    perNode[id] = nodeMemory(paramCounts[id] ?? 0, values[id] ?? 0, batchSize, inputTensors.has(id));
  }

  return {
    model,
    inputs,
    outputs: heads,
    probes,
    paramCount: model.countParams(),
    paramCounts,
    layers,
    tensors: Object.fromEntries(built),
    order,
    memory: totalMemory(perNode, batchSize),
  };
}

/** compileGraph without throwing: { ok: true, compiled } or { ok: false, error }. */
export function tryCompileGraph(
  graph: Graph,
  options: CompileOptions = {},
): { readonly ok: true; readonly compiled: CompiledModel } | { readonly ok: false; readonly error: CompileError } {
  try {
    return { ok: true, compiled: compileGraph(graph, options) };
  } catch (err) {
    if (err instanceof CompileError) return { ok: false, error: err };
    return { ok: false, error: new CompileError(`Compiling failed unexpectedly: ${cleanMessage(err)}. This is a bug in Fusion Designer; please report it.`) };
  }
}
