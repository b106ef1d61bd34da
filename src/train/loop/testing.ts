// Test support (imported by *.test.ts only): tiny two-modality datasets as DatasetArrays, and
// small project documents that read them.
import { edge, graphOf, node } from '../../graph/testing.ts';
import { DEFAULT_TRAINING, newProject, type Graph, type ProjectDocument, type TrainingSettings } from '../../graph/index.ts';
import type { DatasetArrays, DatasetInfo, ModalitySpec } from '../../data/types.ts';
import { mulberry32 } from './batches.ts';

export { edge, graphOf, node };

function gaussian(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
}

function tabular(name: string, features: number): ModalitySpec {
  return {
    name,
    kind: 'tabular',
    shape: [features],
    preprocessing: {
      kind: 'tabular',
      columns: Array.from({ length: features }, (_, i) => `${name}${i}`),
      mean: new Array<number>(features).fill(0),
      std: new Array<number>(features).fill(1),
      fill: new Array<number>(features).fill(0),
    },
    canBeMissing: false,
  };
}

export type ToyKind = 'redundant' | 'onlyA' | 'xor';

export interface ToyOptions {
  readonly kind?: ToyKind;
  readonly n?: number;
  readonly features?: number;
  /** Noise σ around the class prototypes (default 0.5). */
  readonly noise?: number;
  readonly seed?: number;
  /** Fraction per split [validation, test] (default [0.2, 0.2]). */
  readonly fractions?: readonly [number, number];
}

/**
 * Two tabular modalities 'a' and 'b' (Gaussian prototypes plus noise), two classes:
 * - 'redundant': both carry the label;
 * - 'onlyA': only 'a' carries it ('b' is noise);
 * - 'xor': the label is bitA XOR bitB, 'a' carries bitA and 'b' bitB (synergy).
 */
export function toyDataset(options: ToyOptions = {}): DatasetArrays {
  const kind = options.kind ?? 'redundant';
  const n = options.n ?? 240;
  const d = options.features ?? 4;
  const sigma = options.noise ?? 0.5;
  const [fv, ft] = options.fractions ?? [0.2, 0.2];
  const protoG = gaussian(mulberry32(100));
  const protos = [0, 1].map(() => [0, 1].map(() => Array.from({ length: d }, protoG)));
  const rand = mulberry32(options.seed ?? 1);
  const g = gaussian(mulberry32((options.seed ?? 1) + 1));
  const a = new Float32Array(n * d);
  const b = new Float32Array(n * d);
  const labels = new Int32Array(n);
  const split = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const bitA = rand() < 0.5 ? 0 : 1;
    const bitB = rand() < 0.5 ? 0 : 1;
    const label = kind === 'xor' ? bitA ^ bitB : bitA;
    const bForB = kind === 'redundant' ? bitA : bitB;
    for (let k = 0; k < d; k++) {
      a[i * d + k] = (protos[0]?.[bitA]?.[k] ?? 0) + sigma * g();
      b[i * d + k] = kind === 'onlyA' ? g() : (protos[1]?.[bForB]?.[k] ?? 0) + sigma * g();
    }
    labels[i] = label;
    const u = i / n;
    split[i] = u < 1 - fv - ft ? 0 : u < 1 - ft ? 1 : 2;
  }
  const counts = (s: number): number[] => {
    const c = [0, 0];
    for (let i = 0; i < n; i++) if (split[i] === s) c[labels[i] as number] = (c[labels[i] as number] ?? 0) + 1;
    return c;
  };
  const info: DatasetInfo = {
    id: `test.${kind}`,
    title: `Toy ${kind}`,
    description: 'A tiny test dataset.',
    credits: [],
    task: 'classification',
    classes: ['zero', 'one'],
    modalities: [tabular('a', d), tabular('b', d)],
    size: n,
    splits: { train: counts(0).reduce((x, y) => x + y), validation: counts(1).reduce((x, y) => x + y), test: counts(2).reduce((x, y) => x + y) },
    classCounts: { train: counts(0), validation: counts(1), test: counts(2) },
    splitNote: 'by index',
  };
  return { info, inputs: { a, b }, labels, present: {}, split };
}

/** Two tabular inputs → MLP encoders → `fusion` → classifier (2 classes). */
export function toyGraph(fusion = 'fusion.concat', options: { features?: number; units?: number; hidden?: number; fusionParams?: Record<string, number | string> } = {}): Graph {
  const d = options.features ?? 4;
  const units = options.units ?? 8;
  return graphOf(
    [
      node('a', 'input.tabular', { features: d }, 'A'),
      node('b', 'input.tabular', { features: d }, 'B'),
      node('ea', 'encoder.mlp', { layers: 1, units }),
      node('eb', 'encoder.mlp', { layers: 1, units }),
      node('f', fusion, options.fusionParams ?? {}),
      node('h', 'head.classify', { classes: 2, hidden: options.hidden ?? 0 }),
    ],
    [edge('e1', 'a', 'ea'), edge('e2', 'b', 'eb'), edge('e3', 'ea', 'f'), edge('e4', 'eb', 'f'), edge('e5', 'f', 'h')],
  );
}

export function toyDocument(graph: Graph = toyGraph(), training: Partial<TrainingSettings> = {}): ProjectDocument {
  return { ...newProject('toy'), graph, dataset: { id: 'test.toy' }, training: { ...DEFAULT_TRAINING, batchSize: 32, epochs: 3, ...training } };
}
