import type { JsonValue } from '../../format/plain-json';

/**
 * Parameters as text, the way the command line writes them: `key=value`
 * lines for the parameters a view's form does not show (e.g.
 * `growth.AE=0.017`), and one value as a form shows it.
 */

/** `key=value` lines as a record; blank lines and `#` comments ignored, bad lines named. */
export function parseParamLines(text: string): { params: Record<string, string>; problems: string[] } {
  const params: Record<string, string> = {};
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return;
    const eq = t.indexOf('=');
    if (eq <= 0) problems.push(`Line ${i + 1}: write key=value (got "${t}")`);
    else params[t.slice(0, eq).trim()] = t.slice(eq + 1).trim();
  });
  return { params, problems };
}

/** One parameter value as a form shows it: lists comma-separated, named numbers by their value for every name (`*`), nothing for null. */
export function paramText(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => paramText(v)).join(',');
  if (typeof value === 'object') return paramText(value['*']);
  return String(value);
}

/**
 * Parameters as `key=value` lines: named entries (`{ growth: { AE: 0.017 } }`)
 * become `growth.AE=0.017` (`*`, a value for every name, becomes `growth=…`),
 * so the lines parse back to the same parameters.
 */
export function formatParamLines(params: Record<string, JsonValue>): string {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [name, v] of Object.entries(value)) lines.push(`${name === '*' ? key : `${key}.${name}`}=${paramText(v)}`);
    } else lines.push(`${key}=${paramText(value)}`);
  }
  return lines.join('\n');
}
