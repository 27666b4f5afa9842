import { formatNumber } from '../format/number-format';
import type { ViewHeadline } from './view-types';

/** A headline's exact value: formatted with its format and decimals (`£5,057,062.98`). */
export function headlineExact(headline: ViewHeadline): string {
  return formatNumber(headline.value, headline.format, headline.decimals === undefined ? {} : { decimals: headline.decimals });
}

/** Money as a board reads it: `£7.56m` from a million, `£850k` from a thousand, else to the penny. */
function boardMoney(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 999_500) return formatNumber(value, 'gbp_m', { decimals: 2 });
  if (abs >= 1_000) return formatNumber(value, 'gbp_k', { decimals: 0 });
  return formatNumber(value, 'gbp', { decimals: 2 });
}

/** A headline's value as shown: board style when it asks (`£7.56m`), else exact. */
export function headlineValue(headline: ViewHeadline): string {
  return headline.board && headline.format === 'gbp' ? boardMoney(headline.value) : headlineExact(headline);
}

/** A headline as one line of text: `label: value (exact) detail`, as the CLI prints it. */
export function headlineText(headline: ViewHeadline): string {
  const shown = headlineValue(headline);
  const exact = headlineExact(headline);
  return `${headline.label}: ${shown}${exact !== shown ? ` (${exact})` : ''}${headline.detail ? ` ${headline.detail}` : ''}`;
}
