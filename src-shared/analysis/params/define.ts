import { z } from 'zod';
import type { JsonValue } from '../../format/plain-json';
import { paramRegistry, type ParamFormMeta, type ParamMeta } from './fields';
import { isRecord, present } from './values';

/**
 * A view's parameters, declared once (`defineParams` over `param.*` fields):
 * from that one declaration come the TypeScript type (`ParamsOf`), the parser
 * with its messages, the defaults and the form.
 */

/** One field of a view's parameter form. Values are edited as text, exactly as typed on the command line. */
export interface ParamField extends ParamFormMeta {
  key: string;
  required?: boolean;
  /** The default as the form shows it (`10`, `average`, `true`); absent when there is none. */
  defaultValue?: string;
}

/** A view's parameters as generic code (the form, the CLI, the session) sees them. */
export interface ViewParams {
  /** The form, in declaration order: every parameter with a label. */
  readonly fields: readonly ParamField[];
  /** The default of every parameter that has one (required parameters have none). */
  readonly defaults: Readonly<Record<string, JsonValue>>;
  /** Example `key=value` lines for the parameters that are not on the form. */
  readonly examples: readonly string[];
  /** Validate and fill defaults: plain JSON that parses again to the same. Throws an Error naming the parameter. */
  json(raw: Record<string, JsonValue>): Record<string, JsonValue>;
}

/** The typed parameter set a template works with. */
export interface ParamSet<T> extends ViewParams {
  /** The zod schema, over parameters whose flat `key.name` entries are already grouped (`parse` does that). */
  readonly schema: z.ZodType<T>;
  /** Validate and fill defaults. Throws an Error naming the parameter and what it expects. */
  parse(raw: Record<string, JsonValue>): T;
}

/** The parameters' type of a ParamSet. */
export type ParamsOf<P> = P extends ParamSet<infer T> ? T : never;

type Shape = Record<string, z.ZodType>;

/** `Parameter "<key>" <text>`: the form of every parameter message. */
export function paramError(key: string, text: string): Error {
  return new Error(`Parameter "${key}" ${text}`);
}

function metaOf(schema: z.ZodType): ParamMeta {
  // The registry's own return type widens the `choices` tuples; what was registered is a ParamMeta.
  return (paramRegistry.get(schema) as ParamMeta | undefined) ?? {};
}

/** The value a parameter takes when it is not given, if it has one. */
function defaultOf(schema: z.ZodType): { value: JsonValue } | null {
  const r = schema.safeParse(undefined);
  return r.success ? { value: r.data as JsonValue } : null;
}

function formFields(shape: Shape): ParamField[] {
  const out: ParamField[] = [];
  for (const [key, schema] of Object.entries(shape)) {
    const m = metaOf(schema);
    if (!m.form) continue;
    const d = defaultOf(schema)?.value;
    const defaultValue = typeof d === 'number' || typeof d === 'string' || typeof d === 'boolean' ? String(d) : undefined;
    const placeholder = m.form.placeholder ?? defaultValue;
    out.push({
      key,
      ...m.form,
      ...(placeholder !== undefined ? { placeholder } : {}),
      ...(m.required ? { required: true } : {}),
      ...(defaultValue !== undefined ? { defaultValue } : {}),
    });
  }
  return out;
}

/**
 * Put a view's parameters together. `view` names the view in messages about
 * unknown parameters; `finish` checks parameters against each other and
 * derives values (throwing `paramError`), e.g. DTOC's target month from its
 * baseline.
 */
export function defineParams<S extends Shape, T = z.output<z.ZodObject<S>>>(
  view: string,
  shape: S,
  finish?: (params: z.output<z.ZodObject<S>>) => T,
): ParamSet<T> {
  const object = z.object(shape);
  const schema = (finish ? object.transform((p) => finish(p)) : object) as unknown as z.ZodType<T>;
  // Flat keys `<prefix>.<name>` and the record parameter that collects them.
  const prefixes = new Map<string, string>();
  const accepted: string[] = [];
  for (const [key, s] of Object.entries(shape)) {
    const record = metaOf(s).record;
    accepted.push(key);
    if (!record) continue;
    prefixes.set(key, key);
    if (record.prefix) prefixes.set(record.prefix, key);
    accepted.push(`${record.prefix ?? key}.<${record.entryName}>`);
  }
  const entryKey = (key: string, entry: string): string => (entry === '*' ? key : `${metaOf(shape[key]!).record?.prefix ?? key}.${entry}`);

  /** Raw parameters with `growth.AE=…` flat keys grouped under `growth`; unknown keys refused. */
  const group = (raw: Record<string, JsonValue>): Record<string, JsonValue> => {
    const flat = new Map<string, [string, JsonValue][]>();
    for (const [key, value] of Object.entries(raw)) {
      if (Object.hasOwn(shape, key)) continue;
      const dot = key.indexOf('.');
      const target = dot > 0 ? prefixes.get(key.slice(0, dot)) : undefined;
      if (target === undefined) throw new Error(`Unknown parameter "${key}" for the ${view} view; expected one of ${accepted.join(', ')}.`);
      const name = key.slice(dot + 1).trim();
      if (name === '') throw paramError(key, `needs a name after "${key.slice(0, dot)}."`);
      if (present(value)) flat.set(target, [...(flat.get(target) ?? []), [name, value]]);
    }
    const grouped = Object.fromEntries(Object.entries(raw).filter(([key]) => Object.hasOwn(shape, key)));
    for (const [target, entries] of flat) {
      const given = grouped[target];
      const base: [string, JsonValue][] = isRecord(given) ? Object.entries(given) : present(given) ? [['*', given]] : [];
      grouped[target] = Object.fromEntries([...base, ...entries]);
    }
    return grouped;
  };

  const parse = (raw: Record<string, JsonValue>): T => {
    const result = schema.safeParse(group(raw));
    if (result.success) return result.data;
    const issue = result.error.issues[0]!;
    const [key, entry] = issue.path.map(String);
    const name = key === undefined ? '?' : entry === undefined ? key : entryKey(key, entry);
    throw issue.code === 'custom' ? paramError(name, issue.message) : paramError(name, `is not valid: ${issue.message}`);
  };

  const defaults: Record<string, JsonValue> = {};
  const examples: string[] = [];
  for (const [key, s] of Object.entries(shape)) {
    const d = defaultOf(s);
    if (d) defaults[key] = d.value;
    const m = metaOf(s);
    if (!m.form && m.example) examples.push(m.example);
  }

  return {
    schema,
    fields: formFields(shape),
    defaults,
    examples,
    parse,
    json: (raw) => JSON.parse(JSON.stringify(parse(raw))) as Record<string, JsonValue>,
  };
}
