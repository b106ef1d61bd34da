// Folder datasets: images (or audio) in one subfolder per class, from a zip or a picked folder.
// The class is the subfolder's name. Files of the wrong type, and files outside a class folder,
// are reported, never skipped silently.
import { build, ImportError } from './build.ts';
import type { FirstPass, ImportDeps, ImportResult, RawSample, SampleLayout } from './build.ts';
import { commonTopFolder } from './files.ts';
import { sizeLimitMessage } from './limits.ts';
import type { FileSource } from './files.ts';
import { mappingProblems } from './mapping.ts';
import type { FolderInspection, ImportMapping, Rejection } from './types.ts';
import { AUDIO_EXTENSIONS, compareClassNames, fileKindOf, IMAGE_EXTENSIONS } from './values.ts';

interface FolderPlan {
  readonly fileKind: 'image' | 'audio';
  /** Kept files with their class. */
  readonly files: readonly { readonly path: string; readonly label: string }[];
  readonly rejected: Rejection[];
  readonly classes: readonly { readonly name: string; readonly count: number }[];
  readonly notes: string[];
}

/** Which files become samples, their classes, and which are rejected (and why). */
export function planFolder(source: FileSource): FolderPlan {
  const paths = source.paths;
  let images = 0;
  let audio = 0;
  for (const p of paths) {
    const k = fileKindOf(p);
    if (k === 'image') images++;
    else if (k === 'audio') audio++;
  }
  if (images === 0 && audio === 0) {
    throw new ImportError(`${source.name} holds no images (${IMAGE_EXTENSIONS.join(', ')}) and no audio (${AUDIO_EXTENSIONS.join(', ')}). A folder dataset has one subfolder per class with the files inside.`);
  }
  const fileKind: 'image' | 'audio' = images >= audio ? 'image' : 'audio';
  // Strip a single top folder ("pets/cat/1.png") when the class folders are below it.
  const top = commonTopFolder(paths);
  const strip = top !== '' && paths.some((p) => p.slice(top.length + 1).includes('/'));
  const rejected: Rejection[] = [];
  const files: { path: string; label: string }[] = [];
  const counts = new Map<string, number>();
  for (const path of paths) {
    const rel = strip ? path.slice(top.length + 1) : path;
    const slash = rel.indexOf('/');
    const kind = fileKindOf(path);
    if (kind !== fileKind) {
      const what = fileKind === 'image' ? `an image (${IMAGE_EXTENSIONS.join(', ')})` : 'a WAV audio file';
      rejected.push({ line: null, file: path, reason: `not ${what}; this is ${fileKind === 'image' ? 'an image' : 'an audio'} folder dataset` });
      continue;
    }
    if (slash === -1) {
      rejected.push({ line: null, file: path, reason: 'not inside a class folder (put each file in a folder named after its class)' });
      continue;
    }
    const label = rel.slice(0, slash);
    files.push({ path, label });
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const classes = [...counts.entries()].sort((a, b) => compareClassNames(a[0], b[0])).map(([name, count]) => ({ name, count }));
  const notes: string[] = [];
  if (source.systemFiles > 0) notes.push(`${source.systemFiles} system files left out (__MACOSX, .DS_Store, Thumbs.db).`);
  if (strip) notes.push(`Class folders found inside '${top}/'.`);
  return { fileKind, files, rejected, classes, notes };
}

export function inspectFolder(source: FileSource): FolderInspection {
  const tooBig = sizeLimitMessage(source.kind === 'zip' ? 'zip' : 'folder', source.bytes, source.name);
  if (tooBig !== null) throw new ImportError(tooBig);
  const plan = planFolder(source);
  return {
    kind: 'folder',
    name: source.name,
    source: source.kind,
    bytes: source.bytes,
    fileKind: plan.fileKind,
    classes: plan.classes,
    problems: plan.rejected.length,
    notes: plan.notes,
  };
}

export async function importFolder(source: FileSource, mapping: ImportMapping, deps: ImportDeps): Promise<ImportResult> {
  const startedAt = Date.now();
  const inspection = inspectFolder(source);
  const problems = mappingProblems(inspection, mapping);
  if (problems.length > 0) throw new ImportError(problems.join(' '));
  const plan = planFolder(source);
  const modality = plan.fileKind;
  const layout: SampleLayout = { numeric: [], categories: [], texts: [], files: [{ column: 'file', modality, kind: plan.fileKind }], table: 'table' };
  const samples: RawSample[] = plan.files.map((f) => ({ line: null, file: f.path, label: f.label, numbers: [], categories: [], texts: [], files: [f.path] }));
  const first: FirstPass = {
    kind: 'folder',
    source: source.name,
    read: source.paths.length,
    samples,
    rejected: plan.rejected,
    blankLines: 0,
    notes: [`${plan.classes.length} classes from the subfolder names: ${plan.classes.map((c) => `${c.name} (${c.count})`).join(', ')}.`, ...plan.notes],
    files: source,
  };
  return build(first, layout, mapping, deps, startedAt);
}
