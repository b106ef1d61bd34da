// The fusion-designer command: in-process through main() with captured streams, and once through
// the real launcher (bin/fusion-designer.mjs via tsx).
import { describe, expect, it } from 'vitest';
import { exampleProject, NODE_KIND_IDS, serializeProject, type ProjectDocument } from '../graph/index.ts';
import { catalogueMarkdown, type CatalogueEntry } from './catalogue.ts';
import { generatedSection } from './docs.ts';
import { captureCli, type CliRun } from './testing.ts';

async function cli(argv: string[], files: Record<string, string> = {}): Promise<CliRun> {
  return captureCli(argv, async (path) => {
    const text = files[path];
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return text;
  });
}

/** The example project with the head's classes set to 0 (FD002) and the fusion node removed (FD010…). */
function broken(): ProjectDocument {
  const doc = exampleProject();
  const nodes = doc.graph.nodes.map((n) => (n.id === 'n6' ? { ...n, params: { ...n.params, classes: 0 } } : n));
  return { ...doc, graph: { ...doc.graph, nodes } };
}

describe('help and usage', () => {
  it('--help prints the usage on stdout and exits 0', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const r = await cli([flag]);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout).toContain('Usage: fusion-designer <command>');
      expect(r.stdout).toContain('validate [--json] <project.fusion.json>');
      expect(r.stdout).toContain('train <project.fusion.json> --out <dir> [--epochs N] [--backend cpu|wasm]');
      expect(r.stdout).toContain('export <bundle.zip|dir> --format tfjs|pytorch|keras --out <dir>');
    }
  });

  it('no command, an unknown command or an unknown option: exit 2, message and usage on stderr', async () => {
    for (const [argv, message] of [
      [[], 'no command given.'],
      [['fit'], 'unknown command "fit".'],
      [['nodes', '--yaml'], 'unknown option --yaml for "nodes".'],
      [['nodes', 'extra'], '"nodes" takes no arguments (got extra).'],
      [['nodes', '--json', '--markdown'], 'choose one of --json and --markdown.'],
    ] as const) {
      const r = await cli([...argv]);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.startsWith(`fusion-designer: ${message}\n`)).toBe(true);
      expect(r.stderr).toContain('Usage:');
    }
  });
});

describe('nodes', () => {
  it('--json lists every kind with ports, types, params, defaults and ranges (Infinity as null)', async () => {
    const r = await cli(['nodes', '--json']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const list = JSON.parse(r.stdout) as CatalogueEntry[];
    expect(list.map((k) => k.id)).toEqual([...NODE_KIND_IDS]);
    const concat = list.find((k) => k.id === 'fusion.concat');
    expect(concat?.inputs).toEqual([{ name: 'in', label: 'Features', accepts: ['vector', 'tokens'], min: 2, max: null }]);
    expect(concat?.outputs).toEqual([{ name: 'out', label: 'Fused', type: 'vector' }]);
    const cnn = list.find((k) => k.id === 'encoder.cnn2d');
    expect(cnn?.params.find((p) => p.name === 'kernelSize')).toEqual({
      name: 'kernelSize',
      label: 'Kernel size',
      kind: 'int',
      default: 3,
      min: 1,
      max: 7,
      step: 2,
      help: 'Width and height of each filter (odd, so it has a centre).',
    });
    expect(cnn?.params.find((p) => p.name === 'pooling')).toMatchObject({ kind: 'enum', default: 'global-avg', options: ['global-avg', 'flatten'] });
    const tensor = list.find((k) => k.id === 'fusion.tensor');
    expect(tensor).toMatchObject({ category: 'fusion', paramsFormula: 'Π(dₘ+1)·h + h' });
    expect(tensor?.reference).toContain('arXiv 1707.07250');
    expect(tensor?.description.length).toBeGreaterThan(50);
    expect(list.find((k) => k.id === 'fusion.crossAttention')?.inputs.map((p) => p.name)).toEqual(['query', 'context']);
  });

  it('without options prints a table with every kind', async () => {
    const r = await cli(['nodes']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^ID\s+TITLE\s+INPUTS\s+OUTPUT\s+PARAMS/);
    for (const id of NODE_KIND_IDS) expect(r.stdout).toMatch(new RegExp(`^${id.replace('.', '\\.')}\\s`, 'm'));
    expect(r.stdout).toContain('30 node kinds.');
  });

  it('docs/nodes.md holds the current generated catalogue (regenerate with npm run docs:nodes)', async () => {
    const { default: doc } = await import('../../docs/nodes.md?raw');
    expect(generatedSection(doc)).toBe(catalogueMarkdown());
    expect((await cli(['nodes', '--markdown'])).stdout).toBe(catalogueMarkdown());
  });
});

describe('validate', () => {
  it('a clean project: exit 0 and "no problems" on stdout', async () => {
    const r = await cli(['validate', 'ok.fusion.json'], { 'ok.fusion.json': serializeProject(exampleProject()) });
    expect(r).toEqual({ code: 0, stdout: 'ok.fusion.json: no problems.\n', stderr: '' });
  });

  it('errors: exit 1, one line per diagnostic with severity, FD number and node id, then a summary', async () => {
    const r = await cli(['validate', 'bad.fusion.json'], { 'bad.fusion.json': serializeProject(broken()) });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'error   FD002 n6: Classifier "Digit" (n6): Classes must be a whole number between 2 and 1000; got 0.\nbad.fusion.json: 1 error, 0 warnings.\n',
    );
  });

  it('warnings alone exit 0', async () => {
    const doc = exampleProject();
    const extra = { ...doc, graph: { ...doc.graph, nodes: [...doc.graph.nodes, { id: 'n9', kind: 'input.tabular', params: { features: 3 }, position: { x: 0, y: 0 } }] } };
    const r = await cli(['validate', 'w.json'], { 'w.json': JSON.stringify(extra) });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^warning FD013 n9: Tabular input \(n9\) doesn't lead to any head/);
    expect(r.stdout).toContain('w.json: 0 errors, 1 warning.');
  });

  it('--json gives the report as JSON', async () => {
    const r = await cli(['validate', '--json', 'bad.json'], { 'bad.json': serializeProject(broken()) });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { file: string; ok: boolean; errors: number; diagnostics: { number: string; nodeId: string }[] };
    expect(report).toMatchObject({ file: 'bad.json', ok: false, errors: 1, warnings: 0 });
    expect(report.diagnostics.map((d) => [d.number, d.nodeId])).toEqual([['FD002', 'n6']]);
  });

  it('a file that is not a project: exit 1 with the parse problems on stdout', async () => {
    const r = await cli(['validate', 'x.json'], { 'x.json': '{"format": "excalidraw"}' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'x.json: not a valid project.\n  This is not a Fusion Designer project: its "format" is "excalidraw" (a project has "format": "fusion-designer.project").\n',
    );
    const notJson = await cli(['validate', 'y.json'], { 'y.json': '{' });
    expect(notJson.code).toBe(1);
    expect(notJson.stdout).toMatch(/^y\.json: not a valid project\.\n {2}The file is not valid JSON: /);
  });

  it('bad usage and missing files: exit 2, message on stderr', async () => {
    expect(await cli(['validate'])).toMatchObject({ code: 2, stdout: '' });
    expect((await cli(['validate', 'a.json', 'b.json'])).code).toBe(2);
    expect((await cli(['validate', '--strict', 'a.json'])).code).toBe(2);
    const missing = await cli(['validate', 'nope.fusion.json']);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'fusion-designer: cannot read nope.fusion.json: no such file.\n' });
  });
});

// src is typechecked without Node's types (tsconfig.app.json targets the browser), so the few Node
// APIs the launcher test needs are loaded dynamically and typed here.
interface NodeApis {
  spawnSync: (cmd: string, args: string[], opts: { encoding: 'utf8'; timeout: number }) => { status: number | null; stdout: string; stderr: string };
  mkdtempSync: (prefix: string) => string;
  writeFileSync: (path: string, text: string) => void;
  tmpdir: () => string;
  join: (...parts: string[]) => string;
  fileURLToPath: (url: URL) => string;
  execPath: string;
}

async function nodeApis(): Promise<NodeApis> {
  const load = (name: string): Promise<Record<string, unknown>> => import(/* @vite-ignore */ name) as Promise<Record<string, unknown>>;
  const [cp, fs, os, path, url] = await Promise.all(['node:child_process', 'node:fs', 'node:os', 'node:path', 'node:url'].map(load));
  const proc = (globalThis as unknown as { process: { execPath: string } }).process;
  return { ...cp, ...fs, ...os, ...path, ...url, execPath: proc.execPath } as unknown as NodeApis;
}

describe('the launcher (bin/fusion-designer.mjs through tsx)', () => {
  it('runs validate and nodes with the right exit codes and streams', async () => {
    const node = await nodeApis();
    const bin = node.fileURLToPath(new URL('../../bin/fusion-designer.mjs', import.meta.url));
    const run = (...args: string[]) => node.spawnSync(node.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
    const dir = node.mkdtempSync(node.join(node.tmpdir(), 'fusion-designer-'));
    const good = node.join(dir, 'good.fusion.json');
    const bad = node.join(dir, 'bad.fusion.json');
    node.writeFileSync(good, serializeProject(exampleProject()));
    node.writeFileSync(bad, serializeProject(broken()));
    const ok = run('validate', good);
    expect([ok.status, ok.stdout, ok.stderr]).toEqual([0, `${good}: no problems.\n`, '']);
    const problems = run('validate', bad);
    expect(problems.status).toBe(1);
    expect(problems.stdout).toContain('FD002 n6');
    const missing = run('validate', node.join(dir, 'nope.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file');
    const usage = run();
    expect(usage.status).toBe(2);
    const nodes = run('nodes', '--json');
    expect(nodes.status).toBe(0);
    expect((JSON.parse(nodes.stdout) as unknown[]).length).toBe(NODE_KIND_IDS.length);
  });
});

describe('datasets', () => {
  it('--json lists every built-in dataset with modalities, shapes, classes and sizes', async () => {
    const r = await cli(['datasets', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { id: string; modalities: { kind: string; shape: number[] }[]; classes: string[]; size: number }[];
    const ids = rows.map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining(['avdigits', 'avdigits.hard', 'synthetic.synergy', 'synthetic.redundancy', 'synthetic.uniqueness', 'synthetic.mixed']));
    const av = rows.find((d) => d.id === 'avdigits');
    expect(av?.classes).toHaveLength(10);
    expect(av?.size).toBe(3000);
    expect(av?.modalities.map((m) => [m.kind, m.shape])).toEqual([
      ['image', [28, 28, 1]],
      ['audio', [61, 129]],
    ]);
  });

  it('prints a table without --json, and refuses unknown options', async () => {
    const table = await cli(['datasets']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^avdigits\s+3000 samples\s+10 classes/m);
    const bad = await cli(['datasets', '--yaml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--yaml');
  });
});
