/**
 * Explicit, locale-free number and CSV formatting. Never uses toLocaleString
 * or Intl, so output is identical on every machine.
 */

/** Quote a CSV field if it contains a comma, quote or line break. */
export function csvField(value: string): string {
  if (/[",\r\n]/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/** Join already-formatted fields into one CSV line (without the line ending). */
export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

/** Fixed decimals; normalises negative zero to zero. */
export function fixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

/** Round half away from zero to a number of decimals (as a number). */
export function roundTo(value: number, decimals: number): number {
  return Number(fixed(value, decimals));
}

/** Insert thousands separators into a non-negative digit string with optional decimals. */
function groupDigits(text: string): string {
  const dot = text.indexOf('.');
  const whole = dot < 0 ? text : text.slice(0, dot);
  const frac = dot < 0 ? '' : text.slice(dot);
  let out = '';
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && (whole.length - i) % 3 === 0) out += ',';
    out += whole[i];
  }
  return out + frac;
}

/** `1,234,567.89` style, `-1,234` for negatives. */
export function thousands(value: number, decimals = 0): string {
  const text = fixed(Math.abs(value), decimals);
  const negative = value < 0 && Number(text) !== 0;
  return (negative ? '-' : '') + groupDigits(text);
}

/** Money in whole pounds: `£1,234,567`, negatives `(£1,234,567)`, zero `£0`. */
export function poundsBracketed(value: number): string {
  const text = fixed(Math.abs(value), 0);
  const body = `£${groupDigits(text)}`;
  return value < 0 && Number(text) !== 0 ? `(${body})` : body;
}
