import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MONTHS_UPPER, SAMPLE_DIR, fyStartOf, monthList, num, parseRows, sum } from './helpers';

const HEADER = [
  'Year',
  'Period Name',
  'Provider Parent Org Code',
  'Provider Parent Name',
  'Provider Org Code',
  'Provider Org Name',
  'Local Authority Code',
  'Local Authority Name',
  'Acute Or Non Acute Description',
  'Reason For Delay',
  'NHS A SUM',
  'NHS B SUM',
  'Social Care A SUM',
  'Social Care B SUM',
  'Both A SUM',
  'Both B SUM',
];
const REASONS = [
  'A_COMPLETION_ASSESSMENT',
  'B_PUBLIC_FUNDING',
  'C_FURTHER_NON_ACUTE_NHS',
  'DI_RESIDENTIAL_HOME',
  'DII_NURSING_HOME',
  'E_CARE_PACKAGE_IN_HOME',
  'F_COMMUNITY_EQUIPMENT_ADAPTIONS',
  'G_PATIENT_FAMILY_CHOICE',
  'H_DISPUTES',
  'I_HOUSING',
];
const COMBINED = 'dtoc_combined_2014-04_to_2020-02.csv';
const MONTH_NAMES = MONTHS_UPPER.map((m) => m.charAt(0) + m.slice(1).toLowerCase());

interface Parsed {
  title: string[][];
  header: string[];
  data: string[][];
}

function parseExtract(text: string): Parsed {
  const rows = parseRows(text);
  const h = rows.findIndex((r) => r[0] === 'Year');
  return { title: rows.slice(0, h), header: rows[h] ?? [], data: rows.slice(h + 1) };
}

const dtocDir = join(SAMPLE_DIR, 'dtoc');
const bSum = (r: string[]): number => num(r[11]) + num(r[13]) + num(r[15]);

let files: string[] = [];
let combined: Parsed;
let all: string[][] = [];

beforeAll(() => {
  files = readdirSync(dtocDir).sort();
  combined = parseExtract(readFileSync(join(SAMPLE_DIR, COMBINED), 'utf8'));
  all = combined.data;
});

/** Total B days for a setting in a month, by financial year label and period name. */
function monthTotal(year: string, period: string, setting: 'Acute' | 'Non-Acute'): number {
  return sum(all.filter((r) => r[0] === year && r[1] === period && r[8] === setting).map(bSum));
}

describe('DTOC monthly extracts', () => {
  it('has one file per month April 2014 – February 2020, named dtoc-sitrep-YYYY-MM-MONTH.csv', () => {
    const expected = monthList(2014, 4, 2020, 2).map(([y, m]) => `dtoc-sitrep-${y}-${String(m).padStart(2, '0')}-${MONTHS_UPPER[m - 1]}.csv`);
    expect(expected.length).toBe(71);
    expect(files).toEqual(expected);
  });

  it('each file has title lines, a blank line, the 16 published columns and matching Year / Period Name', () => {
    for (const name of files) {
      const bytes = readFileSync(join(dtocDir, name));
      const text = bytes.toString('utf8');
      expect(text.split('\r\n').length).toBe(text.split('\n').length); // CRLF throughout
      const { title, header, data } = parseExtract(text);
      const [, y, m] = /^dtoc-sitrep-(\d{4})-(\d{2})-/.exec(name) ?? [];
      const year = Number(y);
      const month = Number(m);
      expect(title[0]?.[0]).toBe('Title:');
      expect(title.find((r) => r[0] === 'Period:')?.[1]).toBe(`${MONTH_NAMES[month - 1]} ${year}`);
      expect(title.some((r) => r[0] === 'Source:')).toBe(true);
      expect(title[title.length - 1]).toEqual(['']);
      expect(header).toEqual(HEADER);
      expect(data.length).toBeGreaterThan(30);
      const fy = fyStartOf(year, month);
      const fyLabel = `${fy}-${String((fy + 1) % 100).padStart(2, '0')}`;
      for (const r of data) {
        expect(r.length).toBe(16);
        expect(r[0]).toBe(fyLabel);
        expect(r[1]).toBe(MONTHS_UPPER[month - 1]);
      }
    }
    // January 2017 belongs to 2016-17
    const jan = parseExtract(readFileSync(join(dtocDir, 'dtoc-sitrep-2017-01-JANUARY.csv'), 'utf8'));
    expect(jan.data[0]?.[0]).toBe('2016-17');
  });

  it('the combined file is the monthly files concatenated under one header', () => {
    expect(combined.header).toEqual(HEADER);
    expect(combined.title.find((r) => r[0] === 'Period:')?.[1]).toBe('April 2014 to February 2020');
    const concatenated = files.flatMap((f) => parseExtract(readFileSync(join(dtocDir, f), 'utf8')).data);
    expect(all).toEqual(concatenated);
    expect(all.filter((r) => r[0] === 'Year').length).toBe(0);
  });

  it('uses the published codes and omits all-zero rows', () => {
    expect([...new Set(all.map((r) => r[9]))].sort()).toEqual([...REASONS].sort());
    const providers = new Map(all.map((r) => [r[4], r[8]]));
    expect(Object.fromEntries(providers)).toEqual({ RBA: 'Acute', RA4: 'Acute', RH5: 'Non-Acute' });
    for (const r of all) {
      expect(r[5]).toBe(r[5]?.toUpperCase());
      expect(r[6]).toMatch(/^E(06|10)\d{6}$/);
      const sums = r.slice(10).map(num);
      expect(sums.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
      expect(sums.some((v) => v > 0)).toBe(true);
      // patients delayed on the snapshot day cannot exceed the delayed days
      for (const k of [0, 2, 4]) expect(sums[k] ?? 0).toBeLessThanOrEqual(sums[k + 1] ?? 0);
    }
    const somerset = sum(all.filter((r) => r[6] === 'E10000027').map(bSum));
    expect(somerset / sum(all.map(bSum))).toBeGreaterThan(0.85);
    expect(new Set(all.map((r) => r[6])).size).toBeGreaterThanOrEqual(4);
  });
});

describe('DTOC against DOMAIN.md (Somerset)', () => {
  const fy1617 = ['APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER', 'JANUARY', 'FEBRUARY', 'MARCH'];

  it('acute bed days lost are 1,500–2,500 every month of 2016/17, about 2,000 on average', () => {
    const totals = fy1617.map((p) => monthTotal('2016-17', p, 'Acute'));
    for (const t of totals) {
      expect(t).toBeGreaterThanOrEqual(1500);
      expect(t).toBeLessThanOrEqual(2500);
    }
    expect(sum(totals) / 12).toBeGreaterThan(1800);
    expect(sum(totals) / 12).toBeLessThan(2200);
  });

  it('non-acute (community hospitals ~600–700 plus mental health ~250) is about 850–950 a month in 2016/17', () => {
    const totals = fy1617.map((p) => monthTotal('2016-17', p, 'Non-Acute'));
    for (const t of totals) {
      expect(t).toBeGreaterThan(700);
      expect(t).toBeLessThan(1150);
    }
    expect(sum(totals) / 12).toBeGreaterThan(820);
    expect(sum(totals) / 12).toBeLessThan(980);
  });

  it('winter months of 2016/17 are about 20% above the same months a year before', () => {
    const winter = (year: string): number =>
      sum(['DECEMBER', 'JANUARY', 'FEBRUARY', 'MARCH'].map((p) => monthTotal(year, p, 'Acute') + monthTotal(year, p, 'Non-Acute')));
    const ratio = winter('2016-17') / winter('2015-16');
    expect(ratio).toBeGreaterThan(1.12);
    expect(ratio).toBeLessThan(1.3);
    const summer = sum(['APRIL', 'MAY', 'JUNE'].map((p) => monthTotal('2016-17', p, 'Acute')));
    const deep = sum(['DECEMBER', 'JANUARY', 'FEBRUARY'].map((p) => monthTotal('2016-17', p, 'Acute')));
    expect(deep).toBeGreaterThan(summer);
  });

  it('the 2015/16 reason mix ranks care homes > care packages > further non-acute NHS > assessment > the rest', () => {
    const byReason = new Map<string, number>();
    for (const r of all.filter((x) => x[0] === '2015-16')) byReason.set(r[9] ?? '', (byReason.get(r[9] ?? '') ?? 0) + bSum(r));
    const get = (k: string): number => byReason.get(k) ?? 0;
    const careHome = get('DI_RESIDENTIAL_HOME') + get('DII_NURSING_HOME');
    const rest = REASONS.filter(
      (k) => !['DI_RESIDENTIAL_HOME', 'DII_NURSING_HOME', 'E_CARE_PACKAGE_IN_HOME', 'C_FURTHER_NON_ACUTE_NHS', 'A_COMPLETION_ASSESSMENT'].includes(k),
    );
    expect(careHome).toBeGreaterThan(get('E_CARE_PACKAGE_IN_HOME'));
    expect(get('E_CARE_PACKAGE_IN_HOME')).toBeGreaterThan(get('C_FURTHER_NON_ACUTE_NHS'));
    expect(get('C_FURTHER_NON_ACUTE_NHS')).toBeGreaterThan(get('A_COMPLETION_ASSESSMENT'));
    for (const k of rest) expect(get('A_COMPLETION_ASSESSMENT')).toBeGreaterThan(get(k));
    // DOMAIN: 950 / 750 / 650 / 300 a month; shares roughly similar
    const total = sum(byReason.values());
    expect(careHome / total).toBeGreaterThan(0.25);
    expect(careHome / total).toBeLessThan(0.42);
  });

  it('further non-acute NHS care delays are attributed to the NHS only', () => {
    for (const r of all.filter((x) => x[9] === 'C_FURTHER_NON_ACUTE_NHS')) {
      expect(num(r[13]) + num(r[15])).toBe(0);
    }
  });
});
