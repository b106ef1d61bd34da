// Starter projects, one per fusion paradigm, and the example project.
import { andList } from './diagnostics.ts';
import { newProject } from './document.ts';
import { autoLayout } from './layout.ts';
import { defaultParams } from './params.ts';
import { getKind } from './registry.ts';
import type { Graph, GraphEdge, GraphNode, ParamValue, ProjectDocument } from './types.ts';

export interface Template {
  readonly id: string;
  readonly title: string;
  /** One teaching sentence. */
  readonly description: string;
  /** Kind ids the template's graph uses. */
  readonly requires: readonly string[];
  build(): ProjectDocument;
}

export type TemplateAvailability = { readonly available: true } | { readonly available: false; readonly reason: string };

type NodeSpec = readonly [id: string, kind: string, label: string, params?: Readonly<Record<string, ParamValue>>];
/** An edge from `source`'s "out" to `target`'s `targetPort` (default "in"). */
type EdgeSpec = readonly [source: string, target: string, targetPort?: string];

/** Builds a laid-out graph; registered kinds get their defaults under `params`. */
function graph(nodes: readonly NodeSpec[], edges: readonly EdgeSpec[]): Graph {
  const gNodes = nodes.map(([id, kind, label, params = {}]): GraphNode => {
    const k = getKind(kind);
    return { id, kind, label, position: { x: 0, y: 0 }, params: { ...(k ? defaultParams(k) : {}), ...params } };
  });
  const gEdges = edges.map(([source, target, targetPort = 'in'], i): GraphEdge => ({ id: `e${i + 1}`, source, sourcePort: 'out', target, targetPort }));
  return autoLayout({ nodes: gNodes, edges: gEdges });
}

function project(name: string, g: Graph): ProjectDocument {
  return { ...newProject(name), graph: g };
}

// The two modalities of the AV-digits example: 28×28 greyscale digit images and 1 s clips at 8 kHz.
const IMAGE: NodeSpec = ['n1', 'input.image', 'Digit image', { height: 28, width: 28, channels: 1 }];
const AUDIO: NodeSpec = ['n2', 'input.audio', 'Spoken digit', { sampleRate: 8000, clipSamples: 8000, frameLength: 256, frameStep: 128 }];
const IMAGE_ENCODER: NodeSpec = ['n3', 'encoder.cnn2d', 'Image encoder', { blocks: 2, filters: 16, kernelSize: 3, pooling: 'global-avg', units: 64 }];
const AUDIO_ENCODER: NodeSpec = ['n4', 'encoder.mlp', 'Audio encoder', { layers: 2, units: 64, activation: 'relu', dropout: 0.1 }];

export const TEMPLATES: readonly Template[] = [
  {
    id: 'early',
    title: 'Early fusion',
    description: 'Joins the raw image and spectrogram into one long input so a single shared network learns from both modalities at once.',
    requires: ['input.image', 'input.audio', 'fusion.early', 'encoder.mlp', 'head.classify'],
    build: () =>
      project(
        'Early fusion: image + audio digits',
        graph(
          [IMAGE, AUDIO, ['n3', 'fusion.early', 'Join raw inputs'], ['n4', 'encoder.mlp', 'Shared MLP', { layers: 2, units: 128 }], ['n5', 'head.classify', 'Digit', { classes: 10 }]],
          [
            ['n1', 'n3'],
            ['n2', 'n3'],
            ['n3', 'n4'],
            ['n4', 'n5'],
          ],
        ),
      ),
  },
  {
    id: 'intermediate',
    title: 'Intermediate fusion',
    description: 'Gives each modality its own encoder and concatenates their feature vectors before one classifier: the usual default.',
    requires: ['input.image', 'input.audio', 'encoder.cnn2d', 'encoder.mlp', 'fusion.concat', 'head.classify'],
    build: () =>
      project(
        'Intermediate fusion: image + audio digits',
        graph(
          [IMAGE, AUDIO, IMAGE_ENCODER, AUDIO_ENCODER, ['n5', 'fusion.concat', 'Fuse'], ['n6', 'head.classify', 'Digit', { classes: 10, hidden: 64 }]],
          [
            ['n1', 'n3'],
            ['n2', 'n4'],
            ['n3', 'n5'],
            ['n4', 'n5'],
            ['n5', 'n6'],
          ],
        ),
      ),
  },
  {
    id: 'late',
    title: 'Late fusion',
    description: 'Gives each modality a complete classifier and combines their predictions, which survives a missing modality but cannot learn interactions between them.',
    requires: ['input.image', 'input.audio', 'encoder.cnn2d', 'encoder.mlp', 'head.classify', 'fusion.late'],
    build: () =>
      project(
        'Late fusion: image + audio digits',
        graph(
          [
            IMAGE,
            AUDIO,
            IMAGE_ENCODER,
            AUDIO_ENCODER,
            ['n5', 'head.classify', 'Image vote', { classes: 10 }],
            ['n6', 'head.classify', 'Audio vote', { classes: 10 }],
            ['n7', 'fusion.late', 'Combine votes'],
          ],
          [
            ['n1', 'n3'],
            ['n2', 'n4'],
            ['n3', 'n5'],
            ['n4', 'n6'],
            ['n5', 'n7'],
            ['n6', 'n7'],
          ],
        ),
      ),
  },
  {
    id: 'attention',
    title: 'Attention fusion',
    description: 'Encodes each modality, then learns per-sample weights that decide how much each one contributes to the fused vector.',
    requires: ['input.image', 'input.audio', 'encoder.cnn2d', 'encoder.mlp', 'fusion.modalityAttention', 'head.classify'],
    build: () =>
      project(
        'Attention fusion: image + audio digits',
        graph(
          [IMAGE, AUDIO, IMAGE_ENCODER, AUDIO_ENCODER, ['n5', 'fusion.modalityAttention', 'Weigh modalities'], ['n6', 'head.classify', 'Digit', { classes: 10 }]],
          [
            ['n1', 'n3'],
            ['n2', 'n4'],
            ['n3', 'n5'],
            ['n4', 'n5'],
            ['n5', 'n6'],
          ],
        ),
      ),
  },
  {
    id: 'crossAttention',
    title: 'Cross-attention fusion',
    description: 'Cuts the image into patches and the sound into frames, then lets each modality attend to the other’s tokens, as in the Multimodal Transformer, so you can watch which patches each moment of speech reads.',
    requires: ['input.image', 'input.audio', 'encoder.patches', 'encoder.project', 'fusion.crossAttention', 'encoder.cnn1d', 'fusion.concat', 'head.classify'],
    build: () =>
      project(
        'Cross-attention fusion: image + audio digits',
        graph(
          [
            IMAGE,
            AUDIO,
            ['n3', 'encoder.patches', 'Image patches', { patchSize: 7, dim: 32, positions: true }],
            ['n4', 'encoder.project', 'Audio frames', { units: 32, activation: 'relu' }],
            ['n5', 'fusion.crossAttention', 'Audio reads image', { dModel: 32, heads: 4, ffDim: 64 }],
            ['n6', 'fusion.crossAttention', 'Image reads audio', { dModel: 32, heads: 4, ffDim: 64 }],
            ['n7', 'encoder.cnn1d', 'Pool audio tokens', { blocks: 1, filters: 32, kernelSize: 3 }],
            ['n8', 'encoder.cnn1d', 'Pool image tokens', { blocks: 1, filters: 32, kernelSize: 3 }],
            ['n9', 'fusion.concat', 'Join'],
            ['n10', 'head.classify', 'Digit', { classes: 10 }],
          ],
          [
            ['n1', 'n3'],
            ['n2', 'n4'],
            ['n4', 'n5', 'query'],
            ['n3', 'n5', 'context'],
            ['n3', 'n6', 'query'],
            ['n4', 'n6', 'context'],
            ['n5', 'n7'],
            ['n6', 'n8'],
            ['n7', 'n9'],
            ['n8', 'n9'],
            ['n9', 'n10'],
          ],
        ),
      ),
  },
];

/** Whether every kind a template needs is registered and available. */
export function templateAvailability(t: Template): TemplateAvailability {
  const missing = t.requires.filter((id) => {
    const k = getKind(id);
    return !k || k.unavailable !== undefined;
  });
  if (missing.length === 0) return { available: true };
  const verb = missing.length === 1 ? 'arrives' : 'arrive';
  return { available: false, reason: `Needs ${andList(missing)}, which ${verb} with the node catalogue.` };
}

export const EXAMPLE_PROJECT_NAME = 'Example: image + audio digits (intermediate fusion)';

/** The example project: the intermediate-fusion template, laid out, on the built-in AV-Digits data. */
export function exampleProject(): ProjectDocument {
  const intermediate = TEMPLATES.find((t) => t.id === 'intermediate');
  if (!intermediate) throw new Error('The intermediate template is missing.');
  return { ...intermediate.build(), name: EXAMPLE_PROJECT_NAME, dataset: { id: 'avdigits' } };
}
