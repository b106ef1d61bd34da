// The fusion-designer command. `main` takes the arguments and the streams, so tests can run it
// in-process; run.ts wires it to the real process.
import { catalogue, catalogueMarkdown, catalogueTable } from './catalogue.ts';
import { datasetsCatalogue } from '../data/catalogue.ts';
import type { CliFiles } from './files.ts';
import type { CommandContext } from './train.ts';
import { formatReport, validateText } from './validate.ts';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads a file as UTF-8 text; rejects when it cannot (missing, a directory…). */
  readonly readFile: (path: string) => Promise<string>;
  /** Files and folders for train and export (bin/fusion-designer.mjs passes nodeCliFiles()). */
  readonly files?: CliFiles;
}

/** Exit codes: 0 ok, 1 problems found, 2 bad usage or unreadable input. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

export const USAGE = `Usage: fusion-designer <command> [options]

Commands:
  nodes [--json | --markdown]        The node catalogue: a table, JSON (id, category, ports with types,
                                     params with defaults and ranges, description, math, reference),
                                     or the Markdown of docs/nodes.md.
  validate [--json] <project.fusion.json>
                                     Check a project file. Prints its diagnostics (FD numbers, node ids).
                                     Exit 0 when there are no errors, 1 when there are.
  datasets [--json]                  The built-in datasets: id, modalities with shapes, classes, sizes.
  train <project.fusion.json> --out <dir> [--epochs N] [--backend cpu|wasm]
                                     Train the project on its dataset in Node (wasm by default, cpu when
                                     wasm cannot start), progress on stderr, and write the trained-model
                                     bundle (model, runtime module, model card, metrics) into <dir>.
  export <bundle.zip|dir> --format tfjs|pytorch|keras --out <dir> [--no-dataset]
                                     Write a bundle's TensorFlow.js model, or PyTorch / Keras code with the
                                     converted weights and the dataset as dataset.npz (unless --no-dataset).
  help, --help, -h                   Show this help.

Exit codes: 0 ok, 1 problems found, 2 bad usage or unreadable file.
Results go to stdout, errors about the command itself to stderr.
`;

function usageError(io: CliIo, message: string): number {
  io.stderr(`fusion-designer: ${message}\n\n${USAGE}`);
  return EXIT.usage;
}

function splitFlags(args: readonly string[]): { flags: Set<string>; rest: string[] } {
  const flags = new Set<string>();
  const rest: string[] = [];
  for (const a of args) {
    if (a.startsWith('--') || (a.startsWith('-') && a.length > 1)) flags.add(a);
    else rest.push(a);
  }
  return { flags, rest };
}

function nodes(args: readonly string[], io: CliIo): number {
  const { flags, rest } = splitFlags(args);
  const unknown = [...flags].filter((f) => f !== '--json' && f !== '--markdown');
  if (unknown.length > 0) return usageError(io, `unknown option ${unknown.join(', ')} for "nodes".`);
  if (rest.length > 0) return usageError(io, `"nodes" takes no arguments (got ${rest.join(' ')}).`);
  if (flags.has('--json') && flags.has('--markdown')) return usageError(io, 'choose one of --json and --markdown.');
  if (flags.has('--json')) io.stdout(`${JSON.stringify(catalogue(), null, 2)}\n`);
  else if (flags.has('--markdown')) io.stdout(catalogueMarkdown());
  else io.stdout(catalogueTable());
  return EXIT.ok;
}

async function validate(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, rest } = splitFlags(args);
  const unknown = [...flags].filter((f) => f !== '--json');
  if (unknown.length > 0) return usageError(io, `unknown option ${unknown.join(', ')} for "validate".`);
  const file = rest[0];
  if (file === undefined) return usageError(io, '"validate" needs a project file, e.g. fusion-designer validate my-model.fusion.json.');
  if (rest.length > 1) return usageError(io, `"validate" takes one project file (got ${rest.length}).`);
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : err instanceof Error ? err.message : String(err);
    io.stderr(`fusion-designer: cannot read ${file}: ${why}.\n`);
    return EXIT.usage;
  }
  const report = validateText(text);
  io.stdout(flags.has('--json') ? `${JSON.stringify({ file, ...report }, null, 2)}\n` : formatReport(file, report));
  return report.ok ? EXIT.ok : EXIT.problems;
}

function datasets(args: readonly string[], io: CliIo): number {
  const { flags, rest } = splitFlags(args);
  const unknown = [...flags].filter((f) => f !== '--json');
  if (unknown.length > 0 || rest.length > 0) return usageError(io, `"datasets" takes only --json (got ${[...unknown, ...rest].join(' ')}).`);
  const list = datasetsCatalogue();
  if (flags.has('--json')) {
    const rows = list.map((d) => ({
      id: d.id,
      title: d.title,
      modalities: d.modalities.map((m) => ({ name: m.name, kind: m.kind, shape: m.shape })),
      classes: d.classes,
      size: d.size,
      splits: d.splits,
      credits: d.credits,
    }));
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines = list.map((d) => {
    const mods = d.modalities.map((m) => `${m.name} ${m.kind} ${m.shape.join('×')}`).join(' + ');
    return `${d.id.padEnd(22)} ${String(d.size).padStart(6)} samples  ${String(d.classes.length).padStart(2)} classes  ${mods}`;
  });
  io.stdout(`${'ID'.padEnd(22)} ${'SIZE'.padStart(14)}  CLASSES     MODALITIES\n${lines.join('\n')}\n`);
  return EXIT.ok;
}

/** Runs the command line `argv` (without "node" and the script); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case undefined:
      return usageError(io, 'no command given.');
    case 'help':
    case '--help':
    case '-h':
      io.stdout(USAGE);
      return EXIT.ok;
    case 'nodes':
      return nodes(args, io);
    case 'validate':
      return validate(args, io);
    case 'datasets':
      return datasets(args, io);
    case 'train':
    case 'export': {
      if (io.files === undefined) {
        io.stderr(`fusion-designer: "${command}" needs file access, which this caller did not give.\n`);
        return EXIT.usage;
      }
      const ctx: CommandContext = { io, files: io.files, usageError: (message) => usageError(io, message) };
      // Loaded on demand: nodes / validate / datasets start without tfjs.
      if (command === 'train') return (await import('./train.ts')).trainCommand(args, ctx);
      return (await import('./export.ts')).exportCommand(args, ctx);
    }
    default:
      return usageError(io, `unknown command "${command}".`);
  }
}
