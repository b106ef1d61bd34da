/**
 * Reading a bundle back (the CLI's export command): its files from a zip, the manifest, the
 * project document, the samples, and the trained weights poured into a freshly compiled model of
 * the project's graph (so that the code exporters get the CompiledModel they plan from).
 */
import { unzipSync } from 'fflate';
import { parseProject, type ProjectDocument } from '../../graph/index.ts';
import { compileGraph, type CompiledModel } from '../../compile/index.ts';
import { loadModelFiles } from './artifacts.ts';
import { BUNDLE_FILES, BUNDLE_FORMAT, BUNDLE_VERSION, type BundleManifest, type BundleSamples } from './format.ts';

/** A problem with a bundle's files: names the file and what to do. */
export class BundleError extends Error {
  readonly file: string;
  constructor(message: string, file: string) {
    super(message);
    this.name = 'BundleError';
    this.file = file;
  }
}

/** The files of a zipped bundle by name (a bundle zipped inside one folder is unwrapped). */
export function unzipBundle(zip: Uint8Array, where = 'the zip'): Map<string, Uint8Array> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (err) {
    throw new BundleError(`${where} is not a readable zip (${err instanceof Error ? err.message : String(err)}).`, where);
  }
  const names = Object.keys(entries).filter((n) => !n.endsWith('/'));
  const manifest = names.find((n) => n === BUNDLE_FILES.manifest || n.endsWith(`/${BUNDLE_FILES.manifest}`));
  if (manifest === undefined) throw new BundleError(`${where} has no ${BUNDLE_FILES.manifest}: it is not a Fusion Designer model bundle.`, where);
  const prefix = manifest.slice(0, manifest.length - BUNDLE_FILES.manifest.length);
  const out = new Map<string, Uint8Array>();
  for (const n of names) if (n.startsWith(prefix)) out.set(n.slice(prefix.length), entries[n] as Uint8Array);
  return out;
}

/** A path inside the bundle: relative, '/'-separated, without empty, "." or ".." parts. */
const isInsideBundle = (p: string): boolean => p !== '' && !p.startsWith('/') && !p.includes('\\') && !/^[A-Za-z]:/.test(p) && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..');

/**
 * The weights files model.json names, each a file inside the bundle; a name that points elsewhere
 * ("../x", "/etc/x") is a BundleError, so that no reader or copier reaches outside the bundle.
 */
export function bundleWeightPaths(modelJson: Uint8Array | undefined): string[] {
  if (modelJson === undefined) throw new BundleError(`The bundle has no ${BUNDLE_FILES.modelJson}.`, BUNDLE_FILES.modelJson);
  let json: { weightsManifest?: { paths?: unknown }[] };
  try {
    json = JSON.parse(new TextDecoder().decode(modelJson)) as typeof json;
  } catch (err) {
    throw new BundleError(`${BUNDLE_FILES.modelJson} in the bundle is not valid JSON (${err instanceof Error ? err.message : String(err)}).`, BUNDLE_FILES.modelJson);
  }
  const paths = (Array.isArray(json.weightsManifest) ? json.weightsManifest : []).flatMap((g): unknown[] => (Array.isArray(g.paths) ? g.paths : []));
  return paths.map((p) => {
    if (typeof p === 'string' && isInsideBundle(p)) return p;
    throw new BundleError(
      `${BUNDLE_FILES.modelJson} names the weights file ${JSON.stringify(p)}, which is not a file inside the bundle. Use a bundle written by fusion-designer train or the app's Export menu.`,
      BUNDLE_FILES.modelJson,
    );
  });
}

export interface ReadBundle {
  readonly manifest: BundleManifest;
  readonly document: ProjectDocument;
  readonly samples: BundleSamples | null;
  readonly files: ReadonlyMap<string, Uint8Array>;
}

function textOf(files: ReadonlyMap<string, Uint8Array>, name: string): string {
  const b = files.get(name);
  if (b === undefined) throw new BundleError(`The bundle has no ${name}.`, name);
  return new TextDecoder().decode(b);
}

function jsonOf<T>(files: ReadonlyMap<string, Uint8Array>, name: string): T {
  try {
    return JSON.parse(textOf(files, name)) as T;
  } catch (err) {
    if (err instanceof BundleError) throw err;
    throw new BundleError(`${name} in the bundle is not valid JSON (${err instanceof Error ? err.message : String(err)}).`, name);
  }
}

/** Parses the manifest, the project document and the samples of a bundle's files. */
export function readBundle(files: ReadonlyMap<string, Uint8Array>): ReadBundle {
  const manifest = jsonOf<BundleManifest>(files, BUNDLE_FILES.manifest);
  if (manifest.format !== BUNDLE_FORMAT) throw new BundleError(`${BUNDLE_FILES.manifest} is not a Fusion Designer bundle manifest.`, BUNDLE_FILES.manifest);
  if (manifest.version > BUNDLE_VERSION) throw new BundleError(`The bundle is version ${manifest.version}; this Fusion Designer reads up to version ${BUNDLE_VERSION}. Update Fusion Designer.`, BUNDLE_FILES.manifest);
  const parsed = parseProject(textOf(files, BUNDLE_FILES.project));
  if (!parsed.ok) throw new BundleError(`${BUNDLE_FILES.project} is not a valid project: ${parsed.message}`, BUNDLE_FILES.project);
  const samples = files.has(BUNDLE_FILES.samples) ? jsonOf<BundleSamples>(files, BUNDLE_FILES.samples) : null;
  return { manifest, document: parsed.document, samples, files };
}

/**
 * The project's graph compiled again (same layer names) with the bundle's trained weights copied in
 * by layer name. Throws BundleError when a layer or weight does not match. The caller disposes it.
 */
export async function restoreCompiled(bundle: ReadBundle): Promise<CompiledModel> {
  const loaded = await loadModelFiles(textOf(bundle.files, bundle.manifest.model.json), (name) => bundle.files.get(name));
  let compiled: CompiledModel | null = null;
  try {
    compiled = compileGraph(bundle.document.graph, { seed: bundle.document.training.seed, probes: false });
    const byName = new Map(loaded.layers.map((l) => [l.name, l]));
    for (const layer of compiled.model.layers) {
      if (layer.weights.length === 0) continue;
      const source = byName.get(layer.name);
      if (source === undefined) throw new BundleError(`The bundle's model has no layer ${layer.name}; ${BUNDLE_FILES.project} and ${BUNDLE_FILES.modelJson} do not belong together.`, BUNDLE_FILES.modelJson);
      const values = source.getWeights();
      const shapes = layer.weights.map((w) => w.shape.join('×'));
      if (values.length !== layer.weights.length || values.some((v, i) => v.shape.join('×') !== shapes[i])) {
        throw new BundleError(`The weights of layer ${layer.name} in ${BUNDLE_FILES.modelJson} have other shapes than the project's graph gives (${values.map((v) => v.shape.join('×')).join(', ')} vs ${shapes.join(', ')}).`, BUNDLE_FILES.modelJson);
      }
      layer.setWeights(values);
    }
    return compiled;
  } catch (err) {
    compiled?.model.dispose();
    throw err;
  } finally {
    loaded.dispose();
  }
}
