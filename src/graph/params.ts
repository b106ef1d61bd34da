// Parameter defaults and checks, driven by each kind's ParamSpec list.
import type { NodeKind, Params, ParamSpec, ParamValue } from './types.ts';

/** Every param of `kind` at its default value. */
export function defaultParams(kind: NodeKind): Params {
  const out: Record<string, ParamValue> = {};
  for (const spec of kind.params) out[spec.name] = spec.default;
  return out;
}

/** `params` with any missing (or unknown) entries filled from / dropped against the kind's defaults. */
export function resolveParams(kind: NodeKind, params: Params): Params {
  const out: Record<string, ParamValue> = {};
  for (const spec of kind.params) {
    const v = params[spec.name];
    out[spec.name] = v === undefined ? spec.default : v;
  }
  return out;
}

/** A value as users would type it: strings quoted, objects described. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

/** What a valid value of `spec` looks like, e.g. "a whole number between 1 and 4096". */
export function describeSpec(spec: ParamSpec): string {
  switch (spec.kind) {
    case 'int': {
      const step = spec.step ?? 1;
      if (step > 1) {
        const values: number[] = [];
        for (let v = spec.min; v <= spec.max && values.length <= 8; v += step) values.push(v);
        const list = values.length <= 8 ? ` (${values.join(', ')})` : '';
        return `a whole number between ${String(spec.min)} and ${String(spec.max)} in steps of ${step}${list}`;
      }
      return `a whole number between ${String(spec.min)} and ${String(spec.max)}`;
    }
    case 'number':
      return `a number between ${String(spec.min)} and ${String(spec.max)}`;
    case 'enum':
      return `one of ${spec.options.join(', ')}`;
    case 'bool':
      return 'true or false';
  }
}

/** null when `value` is valid for `spec`; otherwise a user-facing sentence such as
 * "Units must be a whole number between 1 and 4096; got 0." */
export function checkParam(spec: ParamSpec, value: unknown): string | null {
  const bad = `${spec.label} must be ${describeSpec(spec)}; got ${showValue(value)}.`;
  switch (spec.kind) {
    case 'int': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return bad;
      if (value < spec.min || value > spec.max) return bad;
      const step = spec.step ?? 1;
      if (step > 1 && (value - spec.min) % step !== 0) return bad;
      return null;
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return bad;
      return value < spec.min || value > spec.max ? bad : null;
    case 'enum':
      return typeof value === 'string' && spec.options.includes(value) ? null : bad;
    case 'bool':
      return typeof value === 'boolean' ? null : bad;
  }
}

export interface ParamProblem {
  readonly param: string;
  readonly message: string;
}

/** Every problem with `params` for `kind`: missing, wrong type, out of range, not an option, unknown name. */
export function paramProblems(kind: NodeKind, params: Params): ParamProblem[] {
  const problems: ParamProblem[] = [];
  for (const spec of kind.params) {
    const value = params[spec.name];
    if (value === undefined) {
      problems.push({
        param: spec.name,
        message: `${spec.label} ("${spec.name}") is missing; set it to ${describeSpec(spec)} (the default is ${showValue(spec.default)}).`,
      });
      continue;
    }
    const message = checkParam(spec, value);
    if (message !== null) problems.push({ param: spec.name, message });
  }
  const known = new Set(kind.params.map((p) => p.name));
  for (const name of Object.keys(params)) {
    if (known.has(name)) continue;
    const names = [...known];
    const hint = names.length > 0 ? `its parameters are ${names.join(', ')}` : 'it has no parameters';
    problems.push({ param: name, message: `"${name}" is not a parameter of ${kind.id} (${hint}); remove it.` });
  }
  return problems;
}
