// The mapping people confirm: defaults from the inspection, and what is wrong with a mapping
// before it is imported. Pure; shared with the UI through src/train/protocol.ts.
import type { ColumnRole, ImportInspection, ImportMapping } from './types.ts';

export const DEFAULT_SEED = 42;

/** The mapping the dialog starts from: detected roles, title from the file name. */
export function defaultMapping(inspection: ImportInspection): ImportMapping {
  const roles: Record<string, ColumnRole> = {};
  if (inspection.kind === 'csv') for (const c of inspection.columns) roles[c.name] = c.detected;
  const name = inspection.kind === 'csv' ? inspection.fileName : inspection.name;
  return { title: name.replace(/\.[a-z0-9]+$/i, ''), roles, seed: DEFAULT_SEED, imageSize: 'auto', imageChannels: 'auto' };
}

/** Problems that block the import, in words for the dialog (empty when the mapping can run). */
export function mappingProblems(inspection: ImportInspection, mapping: ImportMapping): string[] {
  const problems: string[] = [];
  if (mapping.title.trim() === '') problems.push('Give the dataset a name.');
  if (inspection.kind === 'folder') {
    if (inspection.classes.length < 2) problems.push(`A folder dataset needs at least two class folders; this one has ${inspection.classes.length}.`);
    return problems;
  }
  const roles = inspection.columns.map((c) => mapping.roles[c.name] ?? c.detected);
  const labels = roles.filter((r) => r === 'label').length;
  if (labels === 0) problems.push('Choose the label column (the class each row belongs to).');
  if (labels > 1) problems.push('Only one column can be the label.');
  if (!roles.some((r) => r !== 'label' && r !== 'ignore')) problems.push('Choose at least one input column besides the label.');
  const fileColumns = inspection.columns.filter((_, i) => roles[i] === 'image' || roles[i] === 'audio').map((c) => c.name);
  if (fileColumns.length > 0 && inspection.files === null) {
    problems.push(`${fileColumns.map((n) => `'${n}'`).join(', ')} name${fileColumns.length === 1 ? 's' : ''} files: add the zip or folder that holds them, or set ${fileColumns.length === 1 ? 'it' : 'them'} to Ignore.`);
  }
  if (mapping.imageSize !== 'auto') {
    const { height, width } = mapping.imageSize;
    if (!Number.isInteger(height) || !Number.isInteger(width) || height < 4 || width < 4 || height > 256 || width > 256) {
      problems.push('The image size must be between 4 and 256 pixels on each side.');
    }
  }
  return problems;
}

export const ROLE_TITLES: Readonly<Record<ColumnRole, string>> = {
  tabular: 'Number (table)',
  category: 'Category (table, one-hot)',
  text: 'Text (word tokens)',
  image: 'Image file',
  audio: 'Audio file',
  label: 'Label (class)',
  ignore: 'Ignore',
};
