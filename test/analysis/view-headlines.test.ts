import { describe, expect, it } from 'vitest';
import { headlineExact, headlineText, headlineValue } from '../../src-shared/analysis/headline';
import { peersTemplate } from '../../src-shared/analysis/peers';
import { VIEW_TEMPLATES } from '../../src-shared/analysis/registry';
import type { ViewResult } from '../../src-shared/analysis/view-types';
import type { JsonValue } from '../../src-shared/format/plain-json';

function result(template: string, json: JsonValue): ViewResult {
  return { template, title: 'A view', tables: [], charts: [], json, warnings: [] };
}

const PEERS_JSON = { home: '11X', homeName: 'NHS Somerset CCG', indicators: [], total: { opportunityValue: 7560917.06, opportunityActivity: 4656.89 } };

describe('view headlines, declared by each template', () => {
  it('peers leads with the total £ opportunity, the activity behind it and the home organisation', () => {
    const headline = peersTemplate.headline!(result('peers', PEERS_JSON));
    expect(headline).toEqual({
      id: 'opportunity',
      label: 'Headline opportunity',
      value: 7560917.06,
      format: 'gbp',
      decimals: 2,
      detail: 'and 4,657 units of activity for NHS Somerset CCG',
      board: true,
    });
    // Board style, with the exact figure beside it.
    expect(headlineValue(headline!)).toBe('£7.56m');
    expect(headlineExact(headline!)).toBe('£7,560,917.06');
    // The text the app shows (and the end-to-end test compares with the CLI's total).
    expect(headlineText(headline!)).toBe('Headline opportunity: £7.56m (£7,560,917.06) and 4,657 units of activity for NHS Somerset CCG');
  });

  it('leaves out what the peers result does not have', () => {
    const noActivity = peersTemplate.headline!(result('peers', { ...PEERS_JSON, homeName: null, total: { opportunityValue: 12.5, opportunityActivity: 0 } }));
    expect(noActivity).toEqual({ id: 'opportunity', label: 'Headline opportunity', value: 12.5, format: 'gbp', decimals: 2, board: true });
    expect(headlineText(noActivity!)).toBe('Headline opportunity: £12.50');
    expect(peersTemplate.headline!(result('peers', { ...PEERS_JSON, total: { opportunityValue: null, opportunityActivity: null } }))).toBeNull();
    expect(peersTemplate.headline!(result('peers', null))).toBeNull();
  });

  it('growth names the two years it compares and the change in total activity between them', () => {
    const growth = VIEW_TEMPLATES.find((t) => t.id === 'growth')!;
    const json = {
      changes: {
        from: '2016/17',
        to: '2019/20',
        rows: [
          { startValue: 1000, endValue: 1100 },
          { startValue: 500, endValue: 450 },
          { startValue: null, endValue: 10 },
        ],
      },
    };
    const headline = growth.headline!(result('growth', json))!;
    expect(headlineText(headline)).toBe('Activity change 2016/17 to 2019/20: 3.3% (1,500 to 1,550; the years to compare are under Settings)');
    expect(growth.headline!(result('growth', { changes: { from: '2016/17', to: '2016/17', rows: [] } }))).toBeNull();
  });

  it('gives null for a template without a headline', () => {
    const others = VIEW_TEMPLATES.filter((t) => t.headline === undefined);
    expect(others.map((t) => t.id)).toEqual(['dtoc', 'workforce', 'spc', 'funnel']);
    for (const t of others) expect(t.headline?.(result(t.id, PEERS_JSON)) ?? null, t.id).toBeNull();
  });
});
