import path from 'node:path';
import { createImportService } from '../../src-shared/import/import-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src-main/cli/args';
import { runViewWith } from '../../src-main/cli/commands/view';
import { openTestEngine } from '../engine-under-test';
import { nodeFileSource } from '../../src-main/engine/node-file-source';
import { describeTables, suggestMapping } from '../../src-shared/analysis/mapping';
import { PEERS_ROLES, peersTemplate } from '../../src-shared/analysis/peers';
import type { Engine } from '../../src-shared/engine/engine';
import { tableToRows } from '../../src-shared/engine/arrow-values';

/*
 * The sample data through the CLI's generic `view` runner: peer_indicators.csv
 * and ccg_demographics.csv, home 11X, everything else by default (mapping
 * suggested from the column names, peers derived from every numeric
 * demographic column, latest period, peer-average benchmark). Values are
 * checked against separate SQL over the same files.
 */

const SAMPLE = path.resolve(__dirname, '../../sample-data');
const INDICATORS = path.join(SAMPLE, 'peer_indicators.csv');
const DEMOGRAPHICS = path.join(SAMPLE, 'ccg_demographics.csv');
// sample-data/README.md: "Somerset's 10 nearest are 99P, 05F, 05N, 02Y, 11J, 99Q, 11N, 07K, 00L and 10L".
const README_PEERS = ['99P', '05F', '05N', '02Y', '11J', '99Q', '11N', '07K', '00L', '10L'];
const IN_PEERS = `(${README_PEERS.map((p) => `'${p}'`).join(', ')})`;

const VALUE_OPTIONS = new Set(['sql', 'sheet', 'delimiter', 'data', 'map', 'param', 'out']);
const MULTI_VALUE_OPTIONS = new Set(['data']);

async function view(...argv: string[]): Promise<{ out: string; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  await runViewWith([peersTemplate], parseArgs(['view', 'peers', ...argv], VALUE_OPTIONS, MULTI_VALUE_OPTIONS), {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  });
  return { out: out.join('\n'), err };
}

interface Indicator {
  code: string;
  name: string;
  homeRate: number;
  peerAverage: number;
  best5: number;
  benchmark: number;
  gap: number;
  opportunityActivity: number | null;
  opportunityValue: number | null;
  peersWithValue: number;
  population: number;
}

let engine: Engine;

async function sql(query: string): Promise<Record<string, unknown>[]> {
  return tableToRows(await engine.query(query));
}

beforeAll(async () => {
  engine = await openTestEngine();
  await createImportService(engine).importFiles('peer_indicators', [await nodeFileSource(INDICATORS)]);
  await createImportService(engine).importFiles('ccg_demographics', [await nodeFileSource(DEMOGRAPHICS)]);
});

afterAll(async () => {
  await engine?.close();
});

describe('peers view on the sample data through the CLI runner', () => {
  it("suggests the mapping from the sample files' column names", async () => {
    const info = await describeTables(engine, ['peer_indicators', 'ccg_demographics']);
    expect(suggestMapping(PEERS_ROLES, info)).toEqual({
      org: 'Org Code',
      indicator: 'Indicator Code',
      orgName: 'Org Name',
      indicatorName: 'Indicator Name',
      value: 'Value',
      numerator: 'Numerator',
      denominator: 'Denominator',
      weightedPopulation: 'weighted_population',
      population: 'population',
      direction: 'Direction',
      period: 'Period',
      unit: 'Unit',
      demographicOrg: 'ccg_code',
    });
  });

  it('prints the opportunity JSON for home 11X with its derived peer group', async () => {
    const { out, err } = await view('--data', INDICATORS, DEMOGRAPHICS, '--param', 'home=11X', '--json');
    const json = JSON.parse(out) as {
      home: string;
      period: string;
      peerSource: string;
      peers: string[];
      indicators: Indicator[];
      total: { opportunityValue: number; opportunityActivity: number };
    };
    expect(Object.keys(json)).toEqual(['home', 'homeName', 'period', 'benchmark', 'significance', 'peerSource', 'peers', 'indicators', 'total']);
    expect(json).toMatchObject({ home: '11X', period: '2016/17', peerSource: 'derived', benchmark: 'average' });
    expect(json.peers).toEqual(README_PEERS);
    expect(json.indicators).toHaveLength(15);
    for (const i of json.indicators) {
      expect(Object.keys(i).slice(0, 9)).toEqual([
        'code',
        'name',
        'homeRate',
        'peerAverage',
        'best5',
        'benchmark',
        'gap',
        'opportunityActivity',
        'opportunityValue',
      ]);
      expect(i.benchmark).toBe(i.peerAverage);
    }
    // Sorted by £ opportunity, largest first (nulls last).
    const values = json.indicators.map((i) => i.opportunityValue).filter((v): v is number => v !== null);
    expect(values).toEqual([...values].sort((a, b) => b - a));

    // Recompute the A&E peer average with separate SQL: mean of the ten peers' 2016/17 values.
    const [ae] = await sql(
      `SELECT round(avg("Value"), 4) AS avg, count(*) AS n FROM peer_indicators WHERE "Indicator Code" = 'AE_ATT_1000' AND "Period" = '2016/17' AND "Org Code" IN ${IN_PEERS}`,
    );
    const aeJson = json.indicators.find((i) => i.code === 'AE_ATT_1000')!;
    expect(ae).toEqual({ avg: aeJson.peerAverage, n: 10 });
    // 11X's 2016/17 A&E rate is 406.9 per 1,000; activity = gap × 560,000 / 1,000.
    expect(aeJson.homeRate).toBe(406.9);
    expect(aeJson.opportunityActivity).toBeCloseTo(Math.max(0, 406.9 - (ae!.avg as number)) * 560, 1);

    // Mental health spend per weighted head: £ = max(0, home − peer average) × home denominator (the weighted population).
    const [mh] = await sql(`
      WITH home AS (SELECT "Value" AS v, "Denominator" AS d FROM peer_indicators WHERE "Indicator Code" = 'SPEND_MH_HEAD' AND "Period" = '2016/17' AND "Org Code" = '11X'),
           peers AS (SELECT avg("Value") AS a FROM peer_indicators WHERE "Indicator Code" = 'SPEND_MH_HEAD' AND "Period" = '2016/17' AND "Org Code" IN ${IN_PEERS})
      SELECT home.d AS d, round(greatest(0, home.v - peers.a) * home.d, 2) AS value FROM home, peers`);
    const mhJson = json.indicators.find((i) => i.code === 'SPEND_MH_HEAD')!;
    expect(mh!.d).toBe(601888);
    expect(mhJson.population).toBe(601888);
    expect(mhJson.opportunityValue).toBeCloseTo(mh!.value as number, 2);
    expect(mhJson.opportunityActivity).toBeNull();

    // Best 5 for a higher-is-better indicator: the five highest peer values.
    const [breast] = await sql(
      `SELECT round(avg(v), 4) AS best5 FROM (SELECT "Value" AS v FROM peer_indicators WHERE "Indicator Code" = 'SCR_BREAST_PCT' AND "Period" = '2016/17' AND "Org Code" IN ${IN_PEERS} ORDER BY v DESC LIMIT 5)`,
    );
    expect(json.indicators.find((i) => i.code === 'SCR_BREAST_PCT')!.best5).toBe(breast!.best5);

    // 10L has no DIAB_3TT_PCT value in 2016/17 (`..`): left out, with a warning.
    expect(json.indicators.find((i) => i.code === 'DIAB_3TT_PCT')!.peersWithValue).toBe(9);
    expect(err).toContain('warning: DIAB_3TT_PCT: no value for peer 10L, left out of its benchmarks.');

    // The headline is the sum of the (unrounded) opportunities, so within a penny per indicator of the rounded rows.
    const sum = (xs: (number | null)[]) => xs.reduce<number>((s, x) => s + (x ?? 0), 0);
    expect(Math.abs(json.total.opportunityValue - sum(json.indicators.map((i) => i.opportunityValue)))).toBeLessThanOrEqual(0.005 * 15 + 1e-9);
    expect(Math.abs(json.total.opportunityActivity - sum(json.indicators.map((i) => i.opportunityActivity)))).toBeLessThanOrEqual(0.005 * 15 + 1e-9);
    expect(json.total.opportunityValue).toBeGreaterThan(0);
  });

  it('takes an explicit peer list and benchmark from --param', async () => {
    const { out } = await view(
      '--data',
      INDICATORS,
      DEMOGRAPHICS,
      '--param',
      'home=11X',
      '--param',
      'peers=11J,11N,99P',
      '--param',
      'benchmark=best5',
      '--json',
    );
    const json = JSON.parse(out) as { peerSource: string; peers: string[]; benchmark: string; indicators: Indicator[] };
    expect(json).toMatchObject({ peerSource: 'list', peers: ['11J', '11N', '99P'], benchmark: 'best5' });
    const [nel] = await sql(
      `SELECT round(avg("Value"), 4) AS avg FROM peer_indicators WHERE "Indicator Code" = 'NEL_ADM_1000' AND "Period" = '2016/17' AND "Org Code" IN ('11J', '11N', '99P')`,
    );
    const nelJson = json.indicators.find((i) => i.code === 'NEL_ADM_1000')!;
    // With three peers, best 5 is the average of all three.
    expect(nelJson.best5).toBe(nel!.avg);
    expect(nelJson.benchmark).toBe(nel!.avg);
  });

  it('prints a short summary without --json', async () => {
    const { out } = await view('--data', INDICATORS, DEMOGRAPHICS, '--param', 'home=11X');
    expect(out.split('\n')[0]).toBe('Peer benchmarking: NHS Somerset CCG (11X), 2016/17');
    // The template's headline, as the app shows it: the JSON's total (7,560,917.06 and 4,656.89 units).
    expect(out.split('\n')[1]).toBe('  Headline opportunity: £7.56m (£7,560,917.06) and 4,657 units of activity for NHS Somerset CCG');
    expect(out).toContain('Opportunity against the peer average: 16 rows');
  });
});
