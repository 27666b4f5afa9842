import { formatNumber } from '../../format/number-format';
import type { JsonValue } from '../../format/plain-json';
import type { ViewHeadline, ViewResult } from '../view-types';

function objectOf(value: JsonValue | undefined): Record<string, JsonValue> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null;
}

/**
 * The peers view's headline: the total £ opportunity (result.ts's
 * `total.opportunityValue`), with the activity behind it and the home
 * organisation's name: `Headline opportunity: £5,057,062.98 and 1,234 units of
 * activity for NHS Somerset CCG`. Null when the result has no £ total.
 */
export function peersHeadline(result: ViewResult): ViewHeadline | null {
  const json = objectOf(result.json);
  const total = objectOf(json?.total);
  if (!total || typeof total.opportunityValue !== 'number') return null;
  const detail: string[] = [];
  const activity = total.opportunityActivity;
  if (typeof activity === 'number' && activity > 0) detail.push(`and ${formatNumber(activity, 'number', { decimals: 0 })} units of activity`);
  if (typeof json?.homeName === 'string') detail.push(`for ${json.homeName}`);
  return {
    id: 'opportunity',
    label: 'Headline opportunity',
    value: total.opportunityValue,
    format: 'gbp',
    decimals: 2,
    // Board style (£7.56m); the exact figure is in the opportunity table and beside the headline.
    board: true,
    ...(detail.length ? { detail: detail.join(' ') } : {}),
  };
}
