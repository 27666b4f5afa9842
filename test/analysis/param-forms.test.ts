import { describe, expect, it } from 'vitest';
import { PARAM_FORMS, parseParamLines } from '../../src-shared/analysis/param-forms';
import { VIEW_TEMPLATES } from '../../src-shared/analysis/registry';

describe('view parameter forms', () => {
  it('offer only parameters each template accepts, with defaults when left empty', () => {
    for (const template of VIEW_TEMPLATES) {
      const fields = PARAM_FORMS[template.id];
      expect(fields, template.id).toBeDefined();
      const example: Record<string, string> = template.id === 'peers' ? { home: '11X' } : {};
      expect(() => template.parseParams(example)).not.toThrow();
      for (const f of fields!) {
        const roleOk = !f.valuesOfRole || template.roles.some((r) => r.role === f.valuesOfRole);
        expect(roleOk, `${template.id}.${f.key} values from ${f.valuesOfRole}`).toBe(true);
        const sample = f.kind === 'choice' ? f.choices![0]![0] : f.kind === 'boolean' ? 'true' : f.kind === 'number' ? '1' : null;
        // Some parameters only make sense together (a target needs its baseline month).
        const companions: Record<string, Record<string, string>> = { 'dtoc.target': { baseline: '2016-06' } };
        const extra = companions[`${template.id}.${f.key}`] ?? {};
        if (sample !== null) expect(() => template.parseParams({ ...example, ...extra, [f.key]: sample }), `${template.id}.${f.key}`).not.toThrow();
      }
    }
  });

  it('reads extra key=value lines and names bad lines', () => {
    expect(parseParamLines('growth.AE=0.017\n\n# comment\ngrowth.NEL = 0.02')).toEqual({ params: { 'growth.AE': '0.017', 'growth.NEL': '0.02' }, problems: [] });
    expect(parseParamLines('oops').problems).toEqual(['Line 1: write key=value (got "oops")']);
  });
});
