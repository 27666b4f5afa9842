import { formatNumber } from '../format/number-format';
import type { ViewHeadline } from './view-types';

/** A headline's value as shown: formatted with its format and decimals (`£5,057,062.98`). */
export function headlineValue(headline: ViewHeadline): string {
  return formatNumber(headline.value, headline.format, headline.decimals === undefined ? {} : { decimals: headline.decimals });
}

/** A headline as one line of text: `label: value detail`, as the app shows it. */
export function headlineText(headline: ViewHeadline): string {
  return `${headline.label}: ${headlineValue(headline)}${headline.detail ? ` ${headline.detail}` : ''}`;
}
