// The node catalogue as JSON (nodes --json), as a terminal table (nodes) and as the Markdown table
// in docs/nodes.md (nodes --markdown). Pure: reads the registry only.
import { CATEGORY_TITLES, NODE_KINDS, infoCard, type Category, type NodeKind, type ParamSpec, type ParamValue, type PortType } from '../graph/index.ts';

/** A port bound in JSON: Infinity (no upper limit) becomes null. */
export type Bound = number | null;

export interface CatalogueParam {
  readonly name: string;
  readonly label: string;
  readonly kind: ParamSpec['kind'];
  readonly default: ParamValue;
  /** int / number only. */
  readonly min?: Bound;
  readonly max?: Bound;
  readonly step?: number;
  /** enum only. */
  readonly options?: readonly string[];
  readonly help?: string;
}

export interface CatalogueEntry {
  readonly id: string;
  readonly title: string;
  readonly category: Category;
  readonly description: string;
  readonly math: string;
  readonly paramsFormula: string | null;
  readonly reference: string | null;
  readonly inputs: readonly { name: string; label: string; accepts: readonly PortType[]; min: number; max: Bound }[];
  readonly outputs: readonly { name: string; label: string; type: PortType }[];
  readonly params: readonly CatalogueParam[];
  /** Present when the kind is listed but cannot be used yet. */
  readonly unavailable?: string;
}

const bound = (n: number): Bound => (Number.isFinite(n) ? n : null);

function param(spec: ParamSpec): CatalogueParam {
  const base = { name: spec.name, label: spec.label, kind: spec.kind, default: spec.default };
  const help = spec.help === undefined ? {} : { help: spec.help };
  switch (spec.kind) {
    case 'int':
    case 'number':
      return { ...base, min: bound(spec.min), max: bound(spec.max), ...(spec.step === undefined ? {} : { step: spec.step }), ...help };
    case 'enum':
      return { ...base, options: spec.options, ...help };
    case 'bool':
      return { ...base, ...help };
  }
}

export function catalogueEntry(kind: NodeKind): CatalogueEntry {
  return {
    id: kind.id,
    title: kind.title,
    category: kind.category,
    description: kind.description,
    math: kind.math,
    paramsFormula: kind.paramsFormula ?? null,
    reference: kind.reference ?? null,
    inputs: kind.inputs.map((p) => ({ name: p.name, label: p.label, accepts: p.accepts, min: p.min, max: bound(p.max) })),
    outputs: kind.outputs.map((p) => ({ name: p.name, label: p.label, type: p.type })),
    params: kind.params.map(param),
    ...(kind.unavailable === undefined ? {} : { unavailable: kind.unavailable }),
  };
}

/** Every kind, in palette order. */
export function catalogue(kinds: readonly NodeKind[] = NODE_KINDS): CatalogueEntry[] {
  return kinds.map(catalogueEntry);
}

/** "2+", "1", "0–1", "2" */
export function arity(min: number, max: number): string {
  if (!Number.isFinite(max)) return `${min}+`;
  return min === max ? String(min) : `${min}–${max}`;
}

/** "in (2+): vector|tokens" */
function inputText(kind: NodeKind): string {
  if (kind.inputs.length === 0) return '-';
  const first = kind.inputs[0];
  if (kind.id === 'reg.modalityDropout' && first) {
    const required = kind.inputs.filter((p) => p.min > 0).length;
    return `in_1…in_${kind.inputs.length} (${required}–${kind.inputs.length} connected): ${first.accepts.join('|')}`;
  }
  return kind.inputs.map((p) => `${p.name}${p.min === 1 && p.max === 1 ? '' : ` (${arity(p.min, p.max)})`}: ${p.accepts.join('|')}`).join('; ');
}

function outputText(kind: NodeKind): string {
  if (kind.id === 'reg.modalityDropout') return 'out_k: same as in_k';
  return kind.outputs.map((p) => (kind.outputs.length === 1 ? p.type : `${p.name}: ${p.type}`)).join('; ');
}

/** "units=64 [1–4096]", "pooling=mean (mean|max|none)", "positions=true" */
export function paramText(spec: ParamSpec): string {
  switch (spec.kind) {
    case 'int':
    case 'number':
      return `${spec.name}=${spec.default} [${spec.min}–${Number.isFinite(spec.max) ? spec.max : '∞'}${spec.kind === 'int' && (spec.step ?? 1) > 1 ? `, step ${spec.step}` : ''}]`;
    case 'enum':
      return `${spec.name}=${spec.default} (${spec.options.join('|')})`;
    case 'bool':
      return `${spec.name}=${String(spec.default)}`;
  }
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** A plain-text table for the terminal, one kind per line, grouped by category. */
export function catalogueTable(kinds: readonly NodeKind[] = NODE_KINDS): string {
  const rows = kinds.map((k) => [k.id, k.title, inputText(k), outputText(k), k.params.map((p) => `${p.name}=${String(p.default)}`).join(' ') || '-']);
  const header = ['ID', 'TITLE', 'INPUTS', 'OUTPUT', 'PARAMS (defaults)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const out: string[] = [line(header)];
  let category: Category | null = null;
  kinds.forEach((k, i) => {
    if (k.category !== category) {
      category = k.category;
      out.push('', `${CATEGORY_TITLES[k.category]}`);
    }
    out.push(line(rows[i] ?? []));
  });
  out.push('', `${kinds.length} node kinds. Details: fusion-designer nodes --json, or docs/nodes.md.`);
  return `${out.join('\n')}\n`;
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The Markdown catalogue of docs/nodes.md (between its "generated" markers). */
export function catalogueMarkdown(kinds: readonly NodeKind[] = NODE_KINDS): string {
  const out: string[] = [];
  for (const category of Object.keys(CATEGORY_TITLES) as Category[]) {
    const inCat = kinds.filter((k) => k.category === category);
    if (inCat.length === 0) continue;
    out.push(`### ${CATEGORY_TITLES[category]}`, '');
    out.push('| id | inputs → output | params (default [range]) | parameter count | reference |', '| --- | --- | --- | --- | --- |');
    for (const k of inCat) {
      const ports = `${inputText(k)} → ${outputText(k)}`;
      const params = k.params.map((p) => `\`${paramText(p)}\``).join('<br>') || '—';
      out.push(`| \`${k.id}\`<br>${cell(k.title)} | ${cell(ports)} | ${cell(params)} | ${cell(k.paramsFormula ?? '0')} | ${cell(infoCard(k.id)?.paper ?? k.reference ?? '—')} |`);
    }
    out.push('');
  }
  out.push('### Info cards', '', 'What each node does, its math, its cost, when to use it and where it comes from (the cards the palette and the inspector show).', '');
  for (const k of kinds) {
    const card = infoCard(k.id);
    out.push(`#### \`${k.id}\` · ${k.title}`, '', k.description, '', `- Math: \`${k.math}\``, `- Parameters: \`${k.paramsFormula ?? '0'}\``);
    if (card !== undefined) out.push(`- Cost: ${card.cost}`, `- When to use it: ${card.whenToUse}`, `- From: ${card.paper}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
