import type { JsonValue } from '../../format/plain-json';
import { financialYearLabel, parseFinancialYear } from '../financial-year';
import { parseMonthKey } from '../view-kit/months';

/**
 * Readers of one parameter value. Values arrive as strings from the command
 * line and the form (`--param costPerBedDay=150`) or typed from workbooks
 * (`150`, `["11J","11N"]`, `{ "AE": 0.017 }`); each reader accepts both and
 * throws a ParamValueError saying what it expects. The parameter's name is
 * added by whoever knows it (define.ts), giving `Parameter "x" must be …`.
 */

/** A value a reader cannot use: `message` completes `Parameter "<name>" …`; `entry` names the entry of a record parameter. */
export class ParamValueError extends Error {
  constructor(
    message: string,
    readonly entry?: string,
  ) {
    super(message);
    this.name = 'ParamValueError';
  }
}

/** `must be <expected>; got <value>.` */
export function expected(what: string, value: JsonValue, entry?: string): ParamValueError {
  return new ParamValueError(`must be ${what}; got ${JSON.stringify(value)}.`, entry);
}

/** Whether a value was given: undefined, null and blank text count as absent. */
export function present(value: JsonValue | undefined): value is JsonValue {
  return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

/** Whether a value is a JSON object (not an array). */
export function isRecord(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface NumberRules {
  min?: number;
  max?: number;
  /** Whole numbers only. */
  integer?: boolean;
  /** Greater than 0. */
  positive?: boolean;
  /** Accept `-50%` for -0.5. */
  percent?: boolean;
}

/** A number from a number or text (`150`, `1,500`, `£150`, and `-50%` → -0.5 when `percent` is allowed), checked against the rules. */
export function readNumber(value: JsonValue, rules: NumberRules = {}, entry?: string): number {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    let text = value.trim().replace(/[£,\s]/g, '');
    let scale = 1;
    if (rules.percent && text.endsWith('%')) {
      text = text.slice(0, -1);
      scale = 0.01;
    }
    n = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) * scale : NaN;
  } else n = NaN;
  if (!Number.isFinite(n)) throw expected(rules.percent ? 'a number (a fraction like -0.5, or -50%)' : 'a number', value, entry);
  if (rules.integer && !Number.isInteger(n)) throw expected('a whole number', value, entry);
  if (rules.positive && !(n > 0)) throw expected('greater than 0', value, entry);
  if (rules.min !== undefined && n < rules.min) throw expected(`at least ${rules.min}`, value, entry);
  if (rules.max !== undefined && n > rules.max) throw expected(`at most ${rules.max}`, value, entry);
  return n;
}

/** Text from text or a number, trimmed. */
export function readText(value: JsonValue): string {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw expected('text', value);
  return value.trim();
}

/** One of a fixed list (case-insensitive), or an alias of one. */
export function readChoice<V extends string>(value: JsonValue, values: readonly V[], aliases: Readonly<Record<string, V>> = {}): V {
  const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim().toLowerCase() : null;
  const found = text === null ? undefined : (values.find((v) => v.toLowerCase() === text) ?? (Object.hasOwn(aliases, text) ? aliases[text] : undefined));
  if (found === undefined) throw expected(`one of ${values.join(', ')}`, value);
  return found;
}

/** true/false, yes/no, y/n, 1/0, on/off. */
export function readBoolean(value: JsonValue): boolean {
  if (typeof value === 'boolean') return value;
  const t = typeof value === 'string' || typeof value === 'number' ? String(value).trim().toLowerCase() : '';
  if (['true', 'yes', 'y', '1', 'on'].includes(t)) return true;
  if (['false', 'no', 'n', '0', 'off'].includes(t)) return false;
  throw expected('true or false', value);
}

/** A list from an array or from text split on `separators` (default commas); trimmed, blanks and repeats dropped. */
export function readList(value: JsonValue, separators: RegExp = /,+/, entry?: string): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' || typeof value === 'number' ? String(value).split(separators) : null;
  if (!items || items.some((i) => typeof i !== 'string' && typeof i !== 'number'))
    throw expected('a comma-separated list (A,B,C) or a list of text', value, entry);
  const out: string[] = [];
  for (const item of items) {
    const t = String(item).trim();
    if (t !== '' && !out.includes(t)) out.push(t);
  }
  return out;
}

/** A month as `YYYY-MM` from `2016-06`, `2016-06-01`, `Jun-16`, `June 2016`. */
export function readMonth(value: JsonValue): string {
  const month = typeof value === 'string' || typeof value === 'number' ? parseMonthKey(String(value)) : null;
  if (!month) throw expected('a month such as 2016-06 or Jun-16', value);
  return month;
}

/** A financial year as `2016/17` from `2016/17`, `2016-17`, `16/17`; a plain year such as `2016` is kept as it is. */
export function readFinancialYear(value: JsonValue): string {
  const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
  const start = parseFinancialYear(text);
  if (start !== null) return financialYearLabel(start);
  if (/^\d{4}$/.test(text)) return text;
  throw expected('a financial year such as 2016/17', value);
}

/**
 * Named numbers: an object (`{ "AE": 0.017 }`), `name:number` pairs in text
 * (`a:2,b:1` or `a=2;b=1`) when `pairs` is set, or — when `bare` is set — one
 * number for every name, kept under `*`.
 */
export function readNumberRecord(value: JsonValue, opts: NumberRules & { pairs?: boolean; bare?: boolean }): Record<string, number> {
  const entries: [string, JsonValue][] = [];
  if (isRecord(value)) entries.push(...Object.entries(value).filter(([, v]) => present(v)));
  else if (opts.pairs && typeof value === 'string') {
    for (const part of value.split(/[,;]+/)) {
      if (part.trim() === '') continue;
      const m = /^\s*([^:=]+?)\s*[:=]\s*(.+?)\s*$/.exec(part);
      if (!m) throw expected('name:number pairs, e.g. a:2,b:1', value);
      entries.push([m[1]!, m[2]!]);
    }
  } else if (opts.bare) entries.push(['*', value]);
  else throw expected(opts.pairs ? 'name:number pairs, e.g. a:2,b:1' : 'numbers by name', value);
  return Object.fromEntries(entries.map(([name, v]) => [name.trim(), readNumber(v, opts, name.trim())]));
}

/** Column filters: an object of column → accepted values (a list, or comma-separated text). */
export function readFilters(value: JsonValue): Record<string, string[]> {
  if (!isRecord(value)) throw expected('column filters such as filter.provider_code=RBA,RA4', value);
  const out: [string, string[]][] = [];
  for (const [column, values] of Object.entries(value)) {
    const name = column.trim();
    if (name === '') throw new ParamValueError('needs a column name: filter.<column>=value[,value]');
    const list = present(values) ? readList(values, /,+/, name) : [];
    if (list.length) out.push([name, list]);
  }
  return Object.fromEntries(out);
}
