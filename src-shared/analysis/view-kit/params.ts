import type { JsonValue } from '../../format/plain-json';
import { financialYearLabel, parseFinancialYear } from '../financial-year';
import { parseMonthKey } from './months';

/**
 * Parameter readers shared by the benchmark views. Values arrive as JSON from
 * the UI or as strings from the command line (`--param costPerBedDay=150`);
 * each reader accepts both and throws an Error naming the parameter and what
 * it expects.
 */

export type RawParams = Record<string, JsonValue>;

function present(value: JsonValue | undefined): value is JsonValue {
  return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

function bad(key: string, expected: string, value: JsonValue): Error {
  return new Error(`Parameter "${key}" must be ${expected}; got ${JSON.stringify(value)}.`);
}

/** A number from a number or a string (`150`, `1,500`, `£150`, `-50%` → -0.5 when `percent` is allowed). */
export function toNumber(value: JsonValue, key: string, opts: { percent?: boolean } = {}): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw bad(key, 'a finite number', value);
    return value;
  }
  if (typeof value !== 'string') throw bad(key, 'a number', value);
  let text = value.trim().replace(/[£,\s]/g, '');
  let scale = 1;
  if (opts.percent && text.endsWith('%')) {
    text = text.slice(0, -1);
    scale = 0.01;
  }
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw bad(key, opts.percent ? 'a number (a fraction like -0.5, or -50%)' : 'a number', value);
  return Number(text) * scale;
}

export function numberParam(raw: RawParams, key: string, dflt: number, opts: { min?: number; max?: number; percent?: boolean } = {}): number {
  const value = raw[key];
  const n = present(value) ? toNumber(value, key, opts) : dflt;
  if (opts.min !== undefined && n < opts.min) throw new Error(`Parameter "${key}" must be at least ${opts.min}; got ${n}.`);
  if (opts.max !== undefined && n > opts.max) throw new Error(`Parameter "${key}" must be at most ${opts.max}; got ${n}.`);
  return n;
}

export function optionalNumberParam(raw: RawParams, key: string, opts: { min?: number; max?: number; percent?: boolean; positive?: boolean } = {}): number | null {
  const value = raw[key];
  if (!present(value)) return null;
  const n = numberParam(raw, key, 0, opts);
  if (opts.positive && !(n > 0)) throw new Error(`Parameter "${key}" must be greater than 0; got ${n}.`);
  return n;
}

/** One of a fixed list of words (case-insensitive). */
export function enumParam<T extends string>(raw: RawParams, key: string, allowed: readonly T[], dflt: T): T {
  const value = raw[key];
  if (!present(value)) return dflt;
  const text = String(value).trim().toLowerCase();
  const found = allowed.find((a) => a.toLowerCase() === text);
  if (!found) throw bad(key, `one of ${allowed.join(', ')}`, value);
  return found;
}

/** A list from an array or a comma-separated string; empty when absent. */
export function listParam(raw: RawParams, key: string): string[] {
  const value = raw[key];
  if (!present(value)) return [];
  const items = Array.isArray(value) ? value.map((v) => String(v)) : String(value).split(',');
  return items.map((s) => s.trim()).filter((s) => s !== '');
}

/** A month as `YYYY-MM` from `2016-06`, `2016-06-01`, `Jun-16`, `June 2016`; null when absent. */
export function monthParam(raw: RawParams, key: string): string | null {
  const value = raw[key];
  if (!present(value)) return null;
  const key2 = parseMonthKey(String(value));
  if (!key2) throw bad(key, 'a month such as 2016-06 or Jun-16', value);
  return key2;
}

/** A financial year as `2016/17` from `2016/17`, `2016-17`, `16/17`; null when absent. */
export function financialYearParam(raw: RawParams, key: string): string | null {
  const value = raw[key];
  if (!present(value)) return null;
  const start = parseFinancialYear(String(value));
  if (start === null) throw bad(key, 'a financial year such as 2016/17', value);
  return financialYearLabel(start);
}

/** A free-text parameter; null when absent. */
export function textParam(raw: RawParams, key: string): string | null {
  const value = raw[key];
  return present(value) ? String(value).trim() : null;
}

/**
 * Parameters sharing a prefix, e.g. `growth.AE=0.017`, `growth.NEL=0.02`, from
 * flat keys (the command line) or a nested object (`{ growth: { AE: 0.017 } }`).
 * A bare `growth=0.01` is returned under the key `*` (a default for every group).
 */
export function prefixedNumbers(raw: RawParams, prefix: string, opts: { percent?: boolean } = {}): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!present(value)) continue;
    if (key === prefix) {
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        for (const [k, v] of Object.entries(value)) if (present(v)) out[k.trim()] = toNumber(v, `${prefix}.${k}`, opts);
      } else out['*'] = toNumber(value, key, opts);
    } else if (key.startsWith(`${prefix}.`)) {
      const name = key.slice(prefix.length + 1).trim();
      if (name === '') throw new Error(`Parameter "${key}" needs a name after "${prefix}."`);
      out[name] = toNumber(value, key, opts);
    }
  }
  return out;
}

/**
 * Column filters: `filter.<column>=a,b` (command line) or `filters: { column:
 * ['a', 'b'] }` (the parsed form): column → accepted values.
 */
export function columnFilters(raw: RawParams): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const given = raw.filters;
  if (given !== null && typeof given === 'object' && !Array.isArray(given)) {
    for (const [column, values] of Object.entries(given)) {
      const list = (Array.isArray(values) ? values.map(String) : String(values).split(',')).map((s) => s.trim()).filter((s) => s !== '');
      if (list.length) out[column] = list;
    }
  }
  for (const key of Object.keys(raw)) {
    if (!key.startsWith('filter.')) continue;
    const column = key.slice('filter.'.length).trim();
    if (column === '') throw new Error('A filter parameter needs a column name: filter.<column>=value[,value]');
    const values = listParam(raw, key);
    if (values.length) out[column] = values;
  }
  return out;
}
