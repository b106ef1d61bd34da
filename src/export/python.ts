/**
 * Making user text safe inside generated Python (PyTorch and Keras exports).
 *
 * Labels, ids and project names are typed by users (or arrive in a shared project file), so none
 * of them may reach generated code unescaped:
 *
 * - identifiers: `PythonNamer` turns any text into an ASCII identifier ([a-z_][a-z0-9_]*) that is not
 *   a keyword, a builtin, a name the generated module defines, or an nn.Module attribute, and is
 *   unique within the namer;
 * - strings: `pyStr` writes a single-quoted Python literal in which every quote, backslash, line
 *   break and invisible/control character (incl. bidi overrides) is escaped;
 * - comments: `pyComment` quotes the text with `pyStr`, so a comment never ends early.
 */

/** Python 3.12 keywords and soft keywords. */
const PY_KEYWORDS = [
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'match', 'case', 'type', '_',
];

/** Python builtins (shadowing them in generated code would break it or confuse readers). */
const PY_BUILTINS = [
  'abs', 'aiter', 'all', 'anext', 'any', 'ascii', 'bin', 'bool', 'breakpoint', 'bytearray', 'bytes', 'callable', 'chr',
  'classmethod', 'compile', 'complex', 'copyright', 'credits', 'delattr', 'dict', 'dir', 'divmod', 'enumerate', 'eval',
  'exec', 'exit', 'filter', 'float', 'format', 'frozenset', 'getattr', 'globals', 'hasattr', 'hash', 'help', 'hex', 'id',
  'input', 'int', 'isinstance', 'issubclass', 'iter', 'len', 'license', 'list', 'locals', 'map', 'max', 'memoryview',
  'min', 'next', 'object', 'oct', 'open', 'ord', 'pow', 'print', 'property', 'quit', 'range', 'repr', 'reversed', 'round',
  'set', 'setattr', 'slice', 'sorted', 'staticmethod', 'str', 'sum', 'super', 'tuple', 'vars', 'zip', '__import__',
  'self', 'cls',
];

/** Attributes of torch.nn.Module (and tf.keras.Model) a submodule name must not replace. */
const MODULE_ATTRIBUTES = [
  'training', 'forward', 'eval', 'train', 'to', 'cuda', 'cpu', 'xpu', 'ipu', 'mps', 'type', 'float', 'double', 'half',
  'bfloat16', 'apply', 'parameters', 'named_parameters', 'buffers', 'named_buffers', 'children', 'named_children',
  'modules', 'named_modules', 'state_dict', 'load_state_dict', 'register_buffer', 'register_parameter',
  'register_module', 'add_module', 'get_submodule', 'get_parameter', 'get_buffer', 'get_extra_state',
  'set_extra_state', 'zero_grad', 'requires_grad_', 'share_memory', 'extra_repr', 'dump_patches', 'call_super_init',
  'to_empty', 'compile', 'register_forward_hook', 'register_forward_pre_hook', 'register_backward_hook',
  'register_full_backward_hook', 'register_full_backward_pre_hook', 'register_load_state_dict_post_hook',
  'register_state_dict_pre_hook', 'T_destination', 'weight', 'bias',
  // tf.keras.Model / Layer
  'call', 'build', 'built', 'fit', 'predict', 'evaluate', 'summary', 'layers', 'weights', 'variables', 'trainable',
  'name', 'inputs', 'outputs', 'losses', 'metrics', 'optimizer', 'get_config', 'from_config', 'save', 'get_weights',
  'set_weights', 'save_weights', 'load_weights', 'dtype', 'input', 'output', 'add_weight', 'add_loss',
];

/**
 * Names the generated files use themselves (modules, classes, helpers, locals of forward and
 * train.py); every identifier derived from user text avoids them too.
 */
const GENERATED_NAMES = [
  'torch', 'nn', 'F', 'np', 'numpy', 'math', 'os', 'sys', 'json', 'time', 'argparse', 'functools', 'typing', 'dist',
  'tf', 'keras', 'layers', 'main', 'model', 'models', 'outputs', 'probes', 'return_probes', 'inputs', 'x', 'xs', 'y',
  'ys', 'state', 'arrays', 'data', 'path', 'args', 'apply_activation', 'tf_same_padding', 'load_weights',
  'check_sample', 'build_model', 'parse_args',
];

const RESERVED = new Set<string>([...PY_KEYWORDS, ...PY_BUILTINS, ...MODULE_ATTRIBUTES, ...GENERATED_NAMES].map((s) => s.toLowerCase()));

/** Longest identifier made from user text (before a uniqueness suffix). */
const MAX_IDENTIFIER = 40;

/** Is `s` an identifier the namers could produce (ASCII, lower-case, not reserved)? */
export function isSafeIdentifier(s: string): boolean {
  return /^[a-z][a-z0-9_]*$/.test(s) && !RESERVED.has(s);
}

/**
 * A lower-case ASCII snake_case word from any text: accents are stripped ("Café" → "cafe"), every
 * other character that is not a letter or digit becomes "_", runs of "_" collapse, and leading or
 * trailing "_" go. May return "" (e.g. for "📷" or "日本").
 */
export function snakeWord(text: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    // camelCase boundaries → snake_case
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
  return ascii
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_IDENTIFIER)
    .replace(/_+$/g, '');
}

/**
 * Hands out unique, safe Python identifiers. `name(text, fallback)` sanitises `text` (falling back to
 * `fallback`, then to "n"), avoids reserved names by appending "_", and makes the result unique by
 * appending "_2", "_3", ….
 */
export class PythonNamer {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.taken.add(r);
  }

  /** Marks a name as used (e.g. a name the generator writes itself). */
  reserve(name: string): void {
    this.taken.add(name);
  }

  name(text: string, ...fallbacks: string[]): string {
    let base = '';
    for (const candidate of [text, ...fallbacks, 'n']) {
      base = snakeWord(candidate);
      if (base !== '') break;
    }
    if (/^[0-9]/.test(base)) base = `n${base}`;
    if (RESERVED.has(base)) base = `${base}_`;
    let name = base;
    for (let i = 2; this.taken.has(name) || RESERVED.has(name); i++) name = `${base}_${i}`;
    this.taken.add(name);
    return name;
  }
}

/** Characters a Python literal or comment must not contain raw: controls, format chars (bidi), separators, surrogates. */
const UNSAFE_CHAR = /[\p{C}\p{Zl}\p{Zp}]/u;

function escapeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  switch (ch) {
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    default:
      if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, '0')}`;
      if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
      return `\\U${cp.toString(16).padStart(8, '0')}`;
  }
}

/**
 * A single-quoted Python string literal for `text`: backslashes and quotes escaped, and every
 * control, format (bidi override), line/paragraph separator or lone surrogate written as an escape
 * sequence, so the literal is always one line and reads as what it holds. Printable non-ASCII
 * letters (e.g. "Фото") stay as they are (the files are UTF-8).
 */
export function pyStr(text: string): string {
  let out = "'";
  // Iterating a string yields code points; lone surrogates come out as single UTF-16 units.
  for (const ch of text) {
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (UNSAFE_CHAR.test(ch)) out += escapeChar(ch);
    else out += ch;
  }
  return `${out}'`;
}

/** Text for a `#` comment: the user text as a quoted literal (never breaks the line). */
export function pyComment(text: string): string {
  return pyStr(text);
}

/** A Python float literal that round-trips (1e-05, 0.25, 3.0). */
export function pyFloat(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`cannot write ${v} as a Python float`);
  const s = String(v);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

/** A Python int literal (throws on a non-integer). */
export function pyInt(v: number): string {
  if (!Number.isInteger(v)) throw new Error(`expected an integer, got ${v}`);
  return String(v);
}

/** A Python value literal for plain data (numbers, strings, booleans, lists → tuples). */
export function pyValue(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? pyInt(v) : pyFloat(v);
  if (typeof v === 'string') return pyStr(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v === null || v === undefined) return 'None';
  if (Array.isArray(v)) return v.length === 1 ? `(${pyValue(v[0])},)` : `(${v.map(pyValue).join(', ')})`;
  throw new Error(`cannot write ${typeof v} as a Python literal`);
}

/** Text for Markdown (README): no raw HTML, no markup characters, one line. */
export function mdText(text: string): string {
  let out = '';
  for (const ch of text) {
    if (UNSAFE_CHAR.test(ch)) out += ' ';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '&') out += '&amp;';
    else if ('\\`*_[]{}()#+-.!|~'.includes(ch)) out += `\\${ch}`;
    else out += ch;
  }
  return out;
}
