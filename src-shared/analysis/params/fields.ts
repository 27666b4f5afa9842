import { z } from 'zod';
import type { JsonValue } from '../../format/plain-json';
import {
  ParamValueError,
  present,
  readBoolean,
  readChoice,
  readFilters,
  readFinancialYear,
  readList,
  readMonth,
  readNumber,
  readNumberRecord,
  readText,
  type NumberRules,
} from './values';

/**
 * The parameter builders a view declares its parameters with, once:
 *
 * ```ts
 * costPerBedDay: param.number({ label: 'Cost per bed day (£)', default: 150, min: 0 }),
 * ```
 *
 * Each returns a zod schema that reads one raw value (text from the command
 * line or the form, or JSON from a workbook) into its typed value, and
 * registers the parameter's form metadata in `paramRegistry`. A parameter
 * with a `label` is shown on the view's form; the others are given as
 * `key=value` lines. define.ts puts them together.
 */

export type ParamKind = 'text' | 'number' | 'choice' | 'boolean';

/** How a parameter is edited on the view's form. */
export interface ParamFormMeta {
  label: string;
  kind: ParamKind;
  /** value → label, for `choice`. */
  choices?: [string, string][];
  placeholder?: string;
  help?: string;
  /** Offer the values of the column mapped to this role (e.g. the home organisation from `org`). */
  valuesOfRole?: string;
}

/** What the registry holds for each parameter's schema. */
export interface ParamMeta {
  /** Absent: not on the form, given as a `key=value` line. */
  form?: ParamFormMeta;
  required?: boolean;
  /**
   * Set for named-entry parameters (a record): flat keys `<key>.<name>` are
   * collected into it, and also `<prefix>.<name>` when `prefix` is given
   * (`filter.<column>` for `filters`).
   */
  record?: { prefix?: string; entryName: string };
  /** An example `key=value` line, offered where extra parameters are typed. */
  example?: string;
}

/** Form metadata of every parameter schema made by `param`. */
export const paramRegistry = z.registry<ParamMeta>();

/** What any parameter may say about its place on the form. */
export interface FieldOptions {
  /** Shown on the form under this label; without one the parameter is a `key=value` line only. */
  label?: string;
  placeholder?: string;
  help?: string;
  valuesOfRole?: string;
  example?: string;
}

function meta(kind: ParamKind, o: FieldOptions, extra: Omit<ParamMeta, 'form' | 'example'> & { choices?: [string, string][] } = {}): ParamMeta {
  const { choices, ...rest } = extra;
  const form: ParamFormMeta | undefined =
    o.label === undefined
      ? undefined
      : {
          label: o.label,
          kind,
          ...(choices ? { choices } : {}),
          ...(o.placeholder !== undefined ? { placeholder: o.placeholder } : {}),
          ...(o.help !== undefined ? { help: o.help } : {}),
          ...(o.valuesOfRole !== undefined ? { valuesOfRole: o.valuesOfRole } : {}),
        };
  return { ...(form ? { form } : {}), ...(o.example !== undefined ? { example: o.example } : {}), ...rest };
}

/**
 * A parameter schema: `read` turns a given value into T, `absent` gives T when
 * nothing is given (or throws a ParamValueError when the parameter is
 * required). A ParamValueError becomes a zod issue at the parameter (or at
 * its entry), so define.ts can name it.
 */
function field<T>(read: (value: JsonValue) => T, absent: () => T, info: ParamMeta) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): T => {
      try {
        return present(value as JsonValue | undefined) ? read(value as JsonValue) : absent();
      } catch (error) {
        if (!(error instanceof ParamValueError)) throw error;
        ctx.addIssue({ code: 'custom', message: error.message, path: error.entry === undefined ? [] : [error.entry], input: value });
        return z.NEVER;
      }
    })
    .register(paramRegistry, info);
}

/** The schema type the builders return. */
export type ParamSchema<T> = ReturnType<typeof field<T>>;

function text(o: FieldOptions & { required: string }): ParamSchema<string>;
function text(o?: FieldOptions): ParamSchema<string | null>;
/** Free text; `required` says what to give when it is missing (`the home organisation's code, e.g. home=11X`). */
function text(o: FieldOptions & { required?: string } = {}): ParamSchema<string | null> {
  const absent = (): string | null => {
    if (o.required) throw new ParamValueError(`is required: ${o.required}.`);
    return null;
  };
  return field((v) => readText(v) || absent(), absent, meta('text', o, o.required ? { required: true } : {}));
}

function number(o: FieldOptions & NumberRules & { default: number }): ParamSchema<number>;
function number(o?: FieldOptions & NumberRules): ParamSchema<number | null>;
/** A number (`150`, `£1,650`, `-50%` with `percent`); `default` when missing, else null. */
function number(o: FieldOptions & NumberRules & { default?: number } = {}): ParamSchema<number | null> {
  return field(
    (v) => readNumber(v, o),
    () => o.default ?? null,
    meta('number', o),
  );
}

/** One of a fixed list of values, case-insensitive, each with its label on the form; `aliases` are other accepted words. */
function choice<const V extends string>(
  choices: readonly (readonly [V, string])[],
  o: FieldOptions & { default: V; aliases?: Record<string, V> },
): ParamSchema<V> {
  const values = choices.map(([v]) => v);
  return field(
    (v) => readChoice(v, values, o.aliases),
    () => o.default,
    meta('choice', o, { choices: choices.map(([v, l]) => [v, l]) }),
  );
}

/** Yes or no (`true`/`false`, `yes`/`no`, `1`/`0`, `on`/`off`). */
function boolean(o: FieldOptions & { default: boolean }): ParamSchema<boolean> {
  return field(readBoolean, () => o.default, meta('boolean', o));
}

/** A list: an array, or text split on `separators` (default commas); empty when missing. */
function list(o: FieldOptions & { separators?: RegExp } = {}): ParamSchema<string[]> {
  return field(
    (v) => readList(v, o.separators),
    () => [],
    meta('text', o),
  );
}

/** A month, normalised to `YYYY-MM`; null when missing. */
function month(o: FieldOptions = {}): ParamSchema<string | null> {
  return field<string | null>(readMonth, () => null, meta('text', o));
}

/** A financial year, normalised to `2016/17` (a plain year such as `2016` is kept); null when missing. */
function financialYear(o: FieldOptions = {}): ParamSchema<string | null> {
  return field<string | null>(readFinancialYear, () => null, meta('text', o));
}

/**
 * Numbers by name, with names chosen by the user: `growth.AE=0.017`
 * (collected from flat keys), `{ "AE": 0.017 }`, `name:number` pairs with
 * `pairs` (`weights=imd_score:2`), or with `bare` one number for every name
 * (`growth=0.01`, kept under `*`; the form edits this one).
 */
function numbers(o: FieldOptions & NumberRules & { pairs?: boolean; bare?: boolean; entryName?: string } = {}): ParamSchema<Record<string, number>> {
  return field(
    (v) => readNumberRecord(v, o),
    () => ({}),
    meta(o.bare ? 'number' : 'text', o, { record: { entryName: o.entryName ?? 'name' } }),
  );
}

/** Column filters, `filter.<column>=a,b` on the command line: column → accepted values. */
function filters(o: FieldOptions & { prefix: string }): ParamSchema<Record<string, string[]>> {
  return field(readFilters, () => ({}), meta('text', o, { record: { prefix: o.prefix, entryName: 'column' } }));
}

/** The parameter builders (see the top of this file). */
export const param = { text, number, choice, boolean, list, month, financialYear, numbers, filters };
