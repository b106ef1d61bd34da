// Command-line options: `--name value`, `--name=value` and `--flag`, with the command's own list of
// options, so that an unknown option or a missing value is a usage error that says which.

export type OptionSpec = Readonly<Record<string, 'value' | 'flag'>>;

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string>>;
  readonly flags: ReadonlySet<string>;
  readonly positional: readonly string[];
}

/** Parses `args` against `spec`; returns the problem as a sentence instead when they do not fit. */
export function parseArgs(args: readonly string[], spec: OptionSpec, command: string): ParsedArgs | { readonly problem: string } {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith('-') || a === '-') {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    const kind = spec[name];
    if (kind === undefined) return { problem: `unknown option ${name} for "${command}".` };
    if (kind === 'flag') {
      if (eq > 0) return { problem: `${name} takes no value.` };
      flags.add(name);
      continue;
    }
    const value = eq > 0 ? a.slice(eq + 1) : args[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) return { problem: `${name} needs a value.` };
    if (name in values) return { problem: `${name} is given twice.` };
    values[name] = value;
  }
  return { values, flags, positional };
}

/** A whole number in [min, max] from an option's text, or null. */
export function intOption(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}
