// Names for what a probe's axes index, read from the run's graph: which modality a range of tokens
// comes from, and how a node's tokens map back onto its input (image patches, audio frames, words).
import { getKind, inferShapes } from '../../graph/index.ts';
import type { Graph, GraphNode, TypedShape } from '../../graph/index.ts';

const shapeCache = new WeakMap<Graph, ReturnType<typeof inferShapes>>();

/** The shape at a node's output port (shape inference, once per graph object). */
export function outputShape(graph: Graph, id: string, port = 'out'): TypedShape | undefined {
  let shapes = shapeCache.get(graph);
  if (!shapes) {
    shapes = inferShapes(graph);
    shapeCache.set(graph, shapes);
  }
  return shapes.nodeOutputs[id]?.[port];
}

/**
 * How the tokens of a node map onto the raw input they come from:
 * - patches: token i is patch (⌊i / cols⌋, i mod cols) of an image cut into `patch`-pixel squares;
 * - frames: token i covers spectrogram (or sequence) steps [i·steps/tokens, (i+1)·steps/tokens);
 * - words: token i is word i of the text;
 * - other: tokens with no picture (a vector is one token).
 */
export type TokenLayout =
  | { readonly kind: 'patches'; readonly inputId: string; readonly tokens: number; readonly rows: number; readonly cols: number; readonly patch: number }
  | { readonly kind: 'frames'; readonly inputId: string; readonly tokens: number; readonly steps: number; readonly secondsPerStep: number | null }
  | { readonly kind: 'words'; readonly inputId: string; readonly tokens: number }
  | { readonly kind: 'other'; readonly inputId: string | null; readonly tokens: number };

function nodeById(graph: Graph, id: string): GraphNode | undefined {
  return graph.nodes.find((n) => n.id === id);
}

/** The node feeding `port` of `id` (the first edge), if any. */
export function sourceOf(graph: Graph, id: string, port = 'in'): string | undefined {
  return graph.edges.find((e) => e.target === id && e.targetPort === port)?.source;
}

/** Kinds whose tokens (or steps) line up one to one with their single input's, or shrink evenly along it. */
const PASS_THROUGH = new Set(['encoder.project', 'encoder.cnn1d', 'encoder.rnn', 'encoder.transformer', 'encoder.embedding', 'encoder.patches', 'reg.dropout']);

/** The input node a node's tokens come from, walking up single-input encoders (null past a fusion). */
export function inputOf(graph: Graph, id: string): string | null {
  let current: string | undefined = id;
  for (let guard = 0; current !== undefined && guard < 64; guard++) {
    const n = nodeById(graph, current);
    if (!n) return null;
    if (getKind(n.kind)?.category === 'input') return n.id;
    if (!PASS_THROUGH.has(n.kind) && n.kind !== 'encoder.mlp' && n.kind !== 'encoder.cnn2d') return null;
    current = sourceOf(graph, current);
  }
  return null;
}

/** A short name for what a node carries: the modality bound to its input ("audio"), else the node's label. */
export function modalityName(graph: Graph, bindings: Readonly<Record<string, string>>, id: string | null): string {
  if (id === null) return 'CLS';
  const input = inputOf(graph, id);
  if (input !== null && bindings[input]) return bindings[input] as string;
  const n = nodeById(graph, input ?? id);
  return n?.label ?? n?.kind ?? id;
}

function num(n: GraphNode, name: string): number | null {
  const v = n.params[name];
  return typeof v === 'number' ? v : null;
}

/** How `tokens` tokens produced by node `id` map onto its input. */
export function tokenLayout(graph: Graph, id: string | undefined, tokens: number): TokenLayout {
  if (id === undefined) return { kind: 'other', inputId: null, tokens };
  let patch: number | null = null;
  let onlyTokenPreserving = true;
  let current: string | undefined = id;
  for (let guard = 0; current !== undefined && guard < 64; guard++) {
    const n = nodeById(graph, current);
    if (!n) break;
    if (getKind(n.kind)?.category === 'input') {
      const shape = outputShape(graph, n.id)?.shape ?? [];
      if (n.kind === 'input.image' && patch !== null) {
        const [h = 0, w = 0] = shape;
        const rows = Math.floor(h / patch);
        const cols = Math.floor(w / patch);
        if (rows * cols === tokens && onlyTokenPreserving) return { kind: 'patches', inputId: n.id, tokens, rows, cols, patch };
      }
      if ((n.kind === 'input.audio' || n.kind === 'input.sequence') && tokens > 1) {
        const steps = shape[0] ?? tokens;
        const rate = num(n, 'sampleRate');
        const step = num(n, 'frameStep');
        return { kind: 'frames', inputId: n.id, tokens, steps, secondsPerStep: n.kind === 'input.audio' && rate && step ? step / rate : null };
      }
      if (n.kind === 'input.text' && tokens > 1 && onlyTokenPreserving) return { kind: 'words', inputId: n.id, tokens };
      return { kind: 'other', inputId: n.id, tokens };
    }
    if (!PASS_THROUGH.has(n.kind)) return { kind: 'other', inputId: inputOf(graph, n.id), tokens };
    if (n.kind === 'encoder.patches') patch = num(n, 'patchSize');
    // A 1-D CNN halves the steps: still along time, but no longer one token per word or patch.
    if (n.kind === 'encoder.cnn1d') onlyTokenPreserving = false;
    current = sourceOf(graph, current);
  }
  return { kind: 'other', inputId: null, tokens };
}

/** Axis labels for the tokens of a layout ("patch 2,3", "0.25 s", "frame 4", "word 2", "token 5"). */
export function tokenLabels(layout: TokenLayout, words?: readonly string[]): string[] {
  return Array.from({ length: layout.tokens }, (_, i) => {
    switch (layout.kind) {
      case 'patches':
        return `patch ${Math.floor(i / layout.cols) + 1},${(i % layout.cols) + 1}`;
      case 'frames': {
        const step = Math.floor((i * layout.steps) / layout.tokens);
        return layout.secondsPerStep !== null ? `${(step * layout.secondsPerStep).toFixed(2)} s` : `step ${step + 1}`;
      }
      case 'words':
        return words?.[i] ?? (words ? '·' : `word ${i + 1}`);
      case 'other':
        return layout.tokens === 1 ? 'vector' : `token ${i + 1}`;
    }
  });
}
