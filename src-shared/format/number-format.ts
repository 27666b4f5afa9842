/**
 * Number formats analysts put on board charts, one definition used by axes,
 * labels, tooltips, tables and exports: `£1,234`, `£12.3k`, `£1.2m`, `12.5%`,
 * `4.2 per 1,000`, `1,234`, deficits in brackets `(9.8)`.
 */
export const NUMBER_FORMATS = ['number', 'integer', 'gbp', 'gbp_k', 'gbp_m', 'percent', 'per_1000', 'per_100000', 'brackets'] as const;
export type NumberFormat = (typeof NUMBER_FORMATS)[number];

export interface FormatOptions {
  /** Decimal places; defaults per format. */
  decimals?: number;
  /** Percent values are fractions (0.125 → 12.5%) unless this is false. */
  percentIsFraction?: boolean;
}

function grouped(value: number, decimals: number): string {
  return new Intl.NumberFormat('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

const DEFAULT_DECIMALS: Record<NumberFormat, number> = {
  number: 1,
  integer: 0,
  gbp: 0,
  gbp_k: 1,
  gbp_m: 1,
  percent: 1,
  per_1000: 1,
  per_100000: 1,
  brackets: 1,
};

/** Format one value; null/NaN become an empty string. */
export function formatNumber(value: number | null | undefined, format: NumberFormat = 'number', opts: FormatOptions = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const decimals = opts.decimals ?? DEFAULT_DECIMALS[format];
  const negative = value < 0;
  const abs = Math.abs(value);
  const sign = negative ? '-' : '';
  switch (format) {
    case 'integer':
      return `${sign}${grouped(Math.round(abs), 0)}`;
    case 'gbp':
      return `${sign}£${grouped(abs, decimals)}`;
    case 'gbp_k':
      return `${sign}£${grouped(abs / 1_000, decimals)}k`;
    case 'gbp_m':
      return `${sign}£${grouped(abs / 1_000_000, decimals)}m`;
    case 'percent':
      return `${sign}${grouped(opts.percentIsFraction === false ? abs : abs * 100, decimals)}%`;
    case 'per_1000':
      return `${sign}${grouped(abs, decimals)} per 1,000`;
    case 'per_100000':
      return `${sign}${grouped(abs, decimals)} per 100,000`;
    case 'brackets':
      return negative ? `(${grouped(abs, decimals)})` : grouped(abs, decimals);
    default:
      return `${sign}${grouped(abs, decimals)}`;
  }
}

/** A short axis label: 1,200,000 → 1.2m, 45,000 → 45k, with the format's unit. */
export function formatAxisNumber(value: number, format: NumberFormat = 'number'): string {
  const abs = Math.abs(value);
  if (format === 'percent' || format === 'per_1000' || format === 'per_100000')
    return formatNumber(value, format, { decimals: abs !== 0 && abs < (format === 'percent' ? 0.1 : 10) ? 1 : 0 }).replace(/ per 1(00)?,000$/, '');
  if (format === 'gbp_k' || format === 'gbp_m') return formatNumber(value, format, { decimals: 0 });
  const prefix = format === 'gbp' ? '£' : '';
  const sign = value < 0 ? '-' : '';
  if (abs >= 1e9) return `${sign}${prefix}${grouped(abs / 1e9, abs >= 1e10 ? 0 : 1)}bn`;
  if (abs >= 1e6) return `${sign}${prefix}${grouped(abs / 1e6, abs >= 1e7 ? 0 : 1)}m`;
  if (abs >= 1e4) return `${sign}${prefix}${grouped(abs / 1e3, 0)}k`;
  return `${sign}${prefix}${grouped(abs, Number.isInteger(abs) ? 0 : 1)}`;
}
