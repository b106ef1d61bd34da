/**
 * A tf.LayersModel as the files of tfjs's layers format (model.json + one weights file), captured
 * with tf.io.withSaveHandler, and back (for the CLI's export command). The custom layers register
 * themselves on import of src/compile (every model this app compiles uses them).
 */
import * as tf from '@tensorflow/tfjs';
import '../../compile/layers/index.ts';
import { BUNDLE_FILES } from './format.ts';

export interface ModelFiles {
  /** model.json (tfjs layers format), as an object. */
  readonly modelJson: {
    readonly format: 'layers-model';
    readonly generatedBy: string;
    readonly convertedBy: null;
    readonly modelTopology: object;
    readonly weightsManifest: readonly { readonly paths: readonly string[]; readonly weights: readonly tf.io.WeightsManifestEntry[] }[];
  };
  /** The weights file's bytes (BUNDLE_FILES.weights). */
  readonly weights: Uint8Array;
}

/** Saves `model` (weights read from whichever backend holds them) as model.json + weights.bin. */
export async function modelFiles(model: tf.LayersModel): Promise<ModelFiles> {
  let artifacts: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const a = artifacts as tf.io.ModelArtifacts | null;
  if (a === null || a.modelTopology === undefined || a.weightSpecs === undefined) throw new Error('tfjs did not hand over the model artifacts.');
  const data = a.weightData;
  const buffer = data === undefined ? new ArrayBuffer(0) : Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : (data as ArrayBuffer);
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
      convertedBy: null,
      modelTopology: a.modelTopology as object,
      weightsManifest: [{ paths: [BUNDLE_FILES.weights], weights: a.weightSpecs }],
    },
    weights: new Uint8Array(buffer.slice(0)),
  };
}

/** Loads model.json and its weight files (read by name) into a tf.LayersModel on the current backend. */
export async function loadModelFiles(modelJsonText: string, read: (name: string) => Uint8Array | undefined): Promise<tf.LayersModel> {
  let json: ModelFiles['modelJson'];
  try {
    json = JSON.parse(modelJsonText) as ModelFiles['modelJson'];
  } catch (err) {
    throw new Error(`${BUNDLE_FILES.modelJson} is not valid JSON (${err instanceof Error ? err.message : String(err)}).`);
  }
  if (!Array.isArray(json.weightsManifest) || typeof json.modelTopology !== 'object') throw new Error(`${BUNDLE_FILES.modelJson} is not a tfjs layers model (no modelTopology or weightsManifest).`);
  const parts: Uint8Array[] = [];
  for (const group of json.weightsManifest) {
    for (const p of group.paths) {
      const bytes = read(p);
      if (bytes === undefined) throw new Error(`The bundle has no ${p} (the weights ${BUNDLE_FILES.modelJson} names).`);
      parts.push(bytes);
    }
  }
  const weightData = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    weightData.set(p, at);
    at += p.byteLength;
  }
  return tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((g) => [...g.weights]), weightData: weightData.buffer, format: 'layers-model' }),
  );
}
