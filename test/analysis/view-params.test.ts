import { describe, expect, expectTypeOf, it } from 'vitest';
import { dtocParams, type DtocParams } from '../../src-shared/analysis/dtoc/params';
import { dtocTemplate } from '../../src-shared/analysis/dtoc/template';
import { growthParams, type GrowthParams } from '../../src-shared/analysis/growth/params';
import { growthTemplate } from '../../src-shared/analysis/growth/template';
import { defineParams } from '../../src-shared/analysis/params/define';
import { param } from '../../src-shared/analysis/params/fields';
import { formatParamLines, paramText, parseParamLines } from '../../src-shared/analysis/params/lines';
import { peersParams, type PeersParams } from '../../src-shared/analysis/peers/params';
import { peersTemplate } from '../../src-shared/analysis/peers';
import { VIEW_TEMPLATES } from '../../src-shared/analysis/registry';
import { workforceParams, type WorkforceParams } from '../../src-shared/analysis/workforce/params';
import { workforceTemplate } from '../../src-shared/analysis/workforce/template';

/** The least a template needs to parse: peers needs its home organisation. */
const NEEDED: Record<string, Record<string, string>> = { peers: { home: '11X' } };

describe('view parameters, declared once per template', () => {
  it('derive each form from the declaration: the fields with a label, in order', () => {
    const keys = Object.fromEntries(VIEW_TEMPLATES.map((t) => [t.id, t.params.fields.map((f) => f.key)]));
    expect(keys).toEqual({
      peers: ['home', 'benchmark', 'peerCount', 'peers', 'period', 'significance', 'excludeInsignificant', 'unitCost', 'demographics', 'weights'],
      dtoc: ['costPerBedDay', 'target', 'baseline', 'targetMonth', 'targetPath', 'setting', 'provider', 'localAuthority', 'population18', 'from', 'to'],
      growth: ['area', 'grain', 'baseYear', 'forecastTo', 'baseline', 'demographic', 'nonDemographic', 'population', 'from', 'to'],
      workforce: ['org', 'grain', 'population', 'from', 'to'],
      spc: ['improvement', 'fixAfter', 'rebase', 'target', 'screenOutliers'],
      funnel: ['statistic', 'multiplier', 'ratioType', 'rateType'],
    });
    const [home, benchmark, peerCount] = peersTemplate.params.fields;
    expect(home).toEqual({ key: 'home', label: 'Home organisation', kind: 'text', valuesOfRole: 'org', help: 'Your CCG or ICB, e.g. 11X', required: true });
    expect(benchmark).toEqual({
      key: 'benchmark',
      label: 'Benchmark',
      kind: 'choice',
      choices: [
        ['average', 'Peer average'],
        ['best5', 'Average of the best 5'],
        ['quartile', 'Best quartile'],
      ],
      placeholder: 'average',
      defaultValue: 'average',
    });
    // The placeholder shows the default unless the declaration gives its own.
    expect(peerCount).toMatchObject({ key: 'peerCount', kind: 'number', placeholder: '10', defaultValue: '10' });
    expect(dtocTemplate.params.fields[0]).toEqual({
      key: 'costPerBedDay',
      label: 'Cost per bed day (£)',
      kind: 'number',
      placeholder: '150',
      defaultValue: '150',
    });
    expect(peersTemplate.params.fields.find((f) => f.key === 'excludeInsignificant')).toMatchObject({ kind: 'boolean', defaultValue: 'true' });
    expect(growthTemplate.params.fields.find((f) => f.key === 'demographic')).toMatchObject({ kind: 'number', placeholder: 'e.g. 0.017' });
  });

  it('offer only values each template accepts, on roles it has', () => {
    for (const template of VIEW_TEMPLATES) {
      const needed = NEEDED[template.id] ?? {};
      expect(() => template.parseParams(needed), template.id).not.toThrow();
      for (const f of template.params.fields) {
        if (f.valuesOfRole)
          expect(
            template.roles.map((r) => r.role),
            `${template.id}.${f.key}`,
          ).toContain(f.valuesOfRole);
        // Limits fixed after fewer than 12 points are refused (NHSRplotthedots' minimum).
        const numberSample = `${template.id}.${f.key}` === 'spc.fixAfter' ? '12' : '1';
        const sample = f.kind === 'choice' ? f.choices![f.choices!.length - 1]![0] : f.kind === 'boolean' ? 'false' : f.kind === 'number' ? numberSample : null;
        // Some parameters only make sense together (a target needs its baseline month).
        const companions: Record<string, Record<string, string>> = { 'dtoc.target': { baseline: '2016-06' } };
        const extra = companions[`${template.id}.${f.key}`] ?? {};
        if (sample !== null) expect(() => template.parseParams({ ...needed, ...extra, [f.key]: sample }), `${template.id}.${f.key}`).not.toThrow();
        if (f.defaultValue !== undefined)
          expect(template.parseParams({ ...needed, [f.key]: f.defaultValue })[f.key], `${template.id}.${f.key}`).toEqual(template.parseParams(needed)[f.key]);
      }
    }
  });

  it('fill defaults from the declaration', () => {
    expect(dtocParams.defaults).toEqual({
      costPerBedDay: 150,
      target: null,
      baseline: null,
      targetMonth: null,
      targetPath: 'linear',
      setting: 'all',
      provider: [],
      localAuthority: [],
      population18: null,
      from: null,
      to: null,
      reason: [],
      agency: [],
    });
    expect(workforceParams.defaults).toEqual({ org: [], grain: 'period', population: null, from: null, to: null, group: [], filters: {} });
    expect(growthParams.defaults).toMatchObject({ grain: 'year', ratePer: 1000, growth: {}, population: {}, filters: {} });
    // A required parameter has no default.
    expect(peersParams.defaults).not.toHaveProperty('home');
    expect(peersParams.defaults).toMatchObject({ peerCount: 10, benchmark: 'average', excludeInsignificant: true, weights: {}, peers: [] });
    for (const template of VIEW_TEMPLATES) {
      const needed = NEEDED[template.id] ?? {};
      expect(template.parseParams(needed), template.id).toEqual({ ...template.params.defaults, ...needed });
    }
  });

  it('return plain JSON that parses again to the same', () => {
    const given: Record<string, Record<string, string>> = {
      peers: { home: '11X', peers: '11J 11N', weights: 'imd_score:2', 'unitCosts.NEL': '£1,650', significance: '95%' },
      dtoc: { target: '-50%', baseline: 'Jun-16', provider: 'RBA, RA4', from: '2016-04' },
      growth: { grain: 'month', baseYear: 'Apr-16', 'growth.AE': '1.7%', demographic: '0.01', 'population.Apr-16': '560,000', 'filter.pod': 'AE,NEL' },
      workforce: { grain: 'year', population: '560000', 'filter.Staff Group': 'Midwives' },
      spc: { improvement: 'decrease', fixAfter: '12', rebase: '2020-04-01, 2021-04-01', screenOutliers: 'false' },
      funnel: { statistic: 'rate', multiplier: '100,000', rateType: 'dsr' },
    };
    for (const template of VIEW_TEMPLATES) {
      const json = template.parseParams(given[template.id]!);
      expect(JSON.parse(JSON.stringify(json)), template.id).toEqual(json);
      expect(template.parseParams(json), template.id).toEqual(json);
      // …and so do the key=value lines written from it (what the form's "other settings" box holds).
      const lines = parseParamLines(formatParamLines(json));
      expect(lines.problems).toEqual([]);
      expect(template.parseParams(lines.params), template.id).toEqual(json);
    }
  });

  it('name the parameter and what it expects', () => {
    expect(() => dtocParams.parse({ costPerBedDay: 'lots' })).toThrow('Parameter "costPerBedDay" must be a number; got "lots".');
    expect(() => dtocParams.parse({ costPerBedDay: '-1' })).toThrow('Parameter "costPerBedDay" must be at least 0; got "-1".');
    expect(() => dtocParams.parse({ target: 'half' })).toThrow('Parameter "target" must be a number (a fraction like -0.5, or -50%); got "half".');
    expect(() => dtocParams.parse({ baseline: 'soon' })).toThrow('Parameter "baseline" must be a month such as 2016-06 or Jun-16; got "soon".');
    expect(() => dtocParams.parse({ from: '2017-01', to: '2016-01' })).toThrow('Parameter "from" (2017-01) must not come after "to" (2016-01).');
    expect(() => peersParams.parse({})).toThrow('Parameter "home" is required: the home organisation\'s code, e.g. home=11X.');
    expect(() => peersParams.parse({ home: '11X', excludeInsignificant: 'maybe' })).toThrow(
      'Parameter "excludeInsignificant" must be true or false; got "maybe".',
    );
    expect(() => peersParams.parse({ home: '11X', peers: { a: 1 } })).toThrow(
      'Parameter "peers" must be a comma-separated list (A,B,C) or a list of text; got {"a":1}.',
    );
    expect(() => peersParams.parse({ home: '11X', 'weights.imd': 'x' })).toThrow('Parameter "weights.imd" must be a number; got "x".');
    expect(() => peersParams.parse({ home: '11X', weights: { imd: -1 } })).toThrow('Parameter "weights.imd" must be at least 0; got -1.');
    expect(() => workforceParams.parse({ population: '0' })).toThrow('Parameter "population" must be greater than 0; got "0".');
    expect(() => growthParams.parse({ 'population.2016/17': '-5' })).toThrow('Parameter "population.2016/17" must be greater than 0; got "-5".');
    expect(() => growthParams.parse({ 'population.someday': '5' })).toThrow(
      'Parameter "population.someday" must be a financial year such as 2016/17; got "someday".',
    );
    expect(() => workforceParams.parse({ 'filter.': 'x' })).toThrow('Parameter "filter." needs a name after "filter."');
    expect(() => workforceParams.parse({ grian: 'year' })).toThrow(
      'Unknown parameter "grian" for the workforce view; expected one of org, grain, population, from, to, group, filters, filter.<column>.',
    );
  });

  it('read named numbers such as growth.AE from flat keys, objects and a value for every group', () => {
    expect(growthParams.parse({ 'growth.AE': '0.017' }).growth).toEqual({ AE: 0.017 });
    expect(growthParams.parse({ growth: { AE: 0.017, NEL: '2%' } }).growth).toEqual({ AE: 0.017, NEL: 0.02 });
    expect(growthParams.parse({ growth: '1%', 'growth.AE': '0.017', 'growth.NEL': '' }).growth).toEqual({ '*': 0.01, AE: 0.017 });
    expect(growthParams.parse({ growth: { '*': 0.01 }, 'growth.AE': 0.03 }).growth).toEqual({ '*': 0.01, AE: 0.03 });
    expect(() => growthParams.parse({ growth: { AE: 'fast' } })).toThrow('Parameter "growth.AE" must be a number (a fraction like -0.5, or -50%); got "fast".');
    expect(() => growthParams.parse({ growth: 'fast' })).toThrow('Parameter "growth" must be a number (a fraction like -0.5, or -50%); got "fast".');
    expect(growthParams.parse({ grain: 'month', 'population.Apr-16': '1', population: '2' }).population).toEqual({ '*': 2, '2016-04': 1 });
    expect(growthParams.parse({ 'filter.provider_code': 'RBA, RA4', filters: { pod: ['AE'] } }).filters).toEqual({
      pod: ['AE'],
      provider_code: ['RBA', 'RA4'],
    });
    expect(peersParams.parse({ home: '11X', 'weights.imd_score': '2', 'unitCosts.NEL': '1650' })).toMatchObject({
      weights: { imd_score: 2 },
      unitCosts: { NEL: 1650 },
    });
  });

  it("give each template its parameters' TypeScript type", () => {
    expectTypeOf<PeersParams['home']>().toEqualTypeOf<string>();
    expectTypeOf<PeersParams['benchmark']>().toEqualTypeOf<'average' | 'best5' | 'quartile'>();
    expectTypeOf<PeersParams['peerCount']>().toEqualTypeOf<number>();
    expectTypeOf<PeersParams['unitCost']>().toEqualTypeOf<number | null>();
    expectTypeOf<DtocParams['targetMonth']>().toEqualTypeOf<string | null>();
    expectTypeOf<DtocParams['provider']>().toEqualTypeOf<string[]>();
    expectTypeOf<GrowthParams['growth']>().toEqualTypeOf<Record<string, number>>();
    expectTypeOf<WorkforceParams['filters']>().toEqualTypeOf<Record<string, string[]>>();
    const small = defineParams('test', { n: param.number({ default: 1 }), on: param.boolean({ default: false }) });
    expectTypeOf(small.parse({})).toEqualTypeOf<{ n: number; on: boolean }>();
    expect(small.parse({ n: '2', on: 'yes' })).toEqual({ n: 2, on: true });
    expect(small.fields).toEqual([]);
  });

  it('offer examples for the parameters that are not on the form', () => {
    expect(growthTemplate.params.examples).toContain('growth.AE=0.017');
    expect(workforceTemplate.params.examples).toContain('filter.Staff Group=Midwives');
  });
});

describe('parameters as text', () => {
  it('reads extra key=value lines and names bad lines', () => {
    expect(parseParamLines('growth.AE=0.017\n\n# comment\ngrowth.NEL = 0.02')).toEqual({
      params: { 'growth.AE': '0.017', 'growth.NEL': '0.02' },
      problems: [],
    });
    expect(parseParamLines('oops').problems).toEqual(['Line 1: write key=value (got "oops")']);
  });

  it('writes values as the form and the command line write them', () => {
    expect(paramText(undefined)).toBe('');
    expect(paramText(null)).toBe('');
    expect(paramText(['11J', '11N'])).toBe('11J,11N');
    expect(paramText(150)).toBe('150');
    expect(paramText({ '*': 0.01, AE: 0.02 })).toBe('0.01');
    expect(formatParamLines({ growth: { '*': 0.01, AE: 0.017 }, area: ['11X', '11J'], ratePer: 1000 })).toBe(
      'growth=0.01\ngrowth.AE=0.017\narea=11X,11J\nratePer=1000',
    );
  });
});
