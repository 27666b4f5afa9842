import { formatMarker } from '../../charts/hydrate';
import { HIGHLIGHT_COLOUR, MUTED_COLOUR, NHS_COLOURS, REFERENCE_COLOURS } from '../../charts/palette';
import { roundRate } from '../../format/rounding';
import type { IndicatorResult } from './analyse';
import type { BenchmarkKind, PeersParams } from './params';
import { compareCodes } from './stats';
import { unitFormat } from './units';

/**
 * ECharts options for the peers view: plain JSON (format markers instead of
 * formatter functions, see charts/hydrate.ts), NHS palette. Home is NHS Blue,
 * peers grey; reference lines differ in dash pattern as well as colour so the
 * charts stay readable in greyscale.
 */

const QUARTILE_LABEL: Record<'lower' | 'higher', string> = { lower: 'Lower quartile', higher: 'Upper quartile' };

function subtitle(ind: IndicatorResult, period: string | null): string {
  return [ind.unit.label || null, period, `${ind.direction} is better`].filter((s) => s).join(' · ');
}

/**
 * Ranked bar of home and peers (best on the left), with peer-average and best-5 lines. Bars are
 * labelled by organisation name where the data has one (a board reads names, not codes); the code
 * is in the tooltip.
 */
export function rankedBarOption(
  ind: IndicatorResult,
  period: string | null,
  benchmark: BenchmarkKind,
  names: ReadonlyMap<string, string | null> = new Map(),
): Record<string, unknown> {
  const nameOf = (org: string) => names.get(org)?.trim() || org;
  const { format, decimals } = unitFormat(ind.unit);
  const shown = ind.values.filter((v) => v.value !== null);
  const lines: Record<string, unknown>[] = [];
  // Labels sit at different ends of their lines so that close benchmarks do not overprint each other.
  const line = (name: string, value: number, color: string, type: string, position: string): void => {
    lines.push({ name, yAxis: roundRate(value), lineStyle: { color, type, width: 2 }, label: { formatter: '{b}', position, color, fontWeight: 'bold' } });
  };
  if (ind.benchmarks) {
    line('Peer average', ind.benchmarks.peerAverage, REFERENCE_COLOURS.average, 'dashed', 'insideEndTop');
    line('Best 5', ind.benchmarks.best5, REFERENCE_COLOURS.benchmark, 'dotted', 'insideStartTop');
    if (benchmark === 'quartile') line(QUARTILE_LABEL[ind.direction], ind.benchmarks.quartile, NHS_COLOURS.darkBlue, 'dashed', 'insideMiddleTop');
  }
  return {
    title: { text: ind.name, subtext: `${subtitle(ind, period)} · best on the left`, left: 'left' },
    aria: { enabled: true },
    grid: { left: 16, right: 24, top: 72, bottom: 24, containLabel: true },
    tooltip: { trigger: 'item', valueFormatter: formatMarker(format, 'value', { decimals }) },
    xAxis: {
      type: 'category',
      data: shown.map((v) => nameOf(v.org)),
      axisTick: { alignWithLabel: true },
      axisLabel: { interval: 0, rotate: shown.length > 6 ? 45 : 0, width: 140, overflow: 'truncate' },
    },
    yAxis: { type: 'value', axisLabel: { formatter: formatMarker(format, 'axis') } },
    series: [
      {
        type: 'bar',
        name: ind.name,
        barMaxWidth: 48,
        data: shown.map((v) => ({
          name: nameOf(v.org) === v.org ? v.org : `${nameOf(v.org)} (${v.org})`,
          value: roundRate(v.value),
          itemStyle: { color: v.role === 'home' ? HIGHLIGHT_COLOUR : MUTED_COLOUR },
        })),
        markLine: { symbol: 'none', silent: true, data: lines },
      },
    ],
  };
}

/**
 * The quadrant's indicators: the parameters when given (and known), else x =
 * the first £ indicator by code (spend) and y = the first higher-is-better
 * indicator (an outcome), each falling back to the first other indicator.
 */
export function chooseQuadrant(
  indicators: readonly IndicatorResult[],
  params: Pick<PeersParams, 'quadrantX' | 'quadrantY'>,
  warnings: string[],
): { x: IndicatorResult; y: IndicatorResult } | null {
  if (indicators.length < 2) return null;
  const byCode = [...indicators].sort((a, b) => compareCodes(a.code, b.code));
  const find = (code: string | null, name: string): IndicatorResult | undefined => {
    if (code === null) return undefined;
    const found = byCode.find((i) => i.code === code) ?? byCode.find((i) => i.code.toLowerCase() === code.toLowerCase());
    if (!found) warnings.push(`Parameter "${name}": ${code} is not an indicator; chosen automatically instead.`);
    return found;
  };
  const x = find(params.quadrantX, 'quadrantX') ?? byCode.find((i) => i.unit.kind === 'money') ?? byCode[0]!;
  const y = find(params.quadrantY, 'quadrantY') ?? byCode.find((i) => i !== x && i.direction === 'higher') ?? byCode.find((i) => i !== x)!;
  return { x, y };
}

export interface QuadrantPoint {
  org: string;
  role: 'home' | 'peer';
  x: number;
  y: number;
}

/** Home and peers with a value on both indicators. */
export function quadrantPoints(x: IndicatorResult, y: IndicatorResult): QuadrantPoint[] {
  const ys = new Map(y.values.map((v) => [v.org, v.value]));
  const points: QuadrantPoint[] = [];
  for (const v of x.values) {
    const yv = ys.get(v.org);
    if (v.value !== null && yv !== null && yv !== undefined) points.push({ org: v.org, role: v.role, x: v.value, y: yv });
  }
  return points.sort((a, b) => (a.role === b.role ? compareCodes(a.org, b.org) : a.role === 'home' ? -1 : 1));
}

/** Scatter of home and peers on two indicators, with lines at the peer averages. */
export function quadrantOption(
  x: IndicatorResult,
  y: IndicatorResult,
  points: readonly QuadrantPoint[],
  period: string | null,
  home: string,
): Record<string, unknown> {
  const fx = unitFormat(x.unit);
  const fy = unitFormat(y.unit);
  const point = (p: QuadrantPoint): Record<string, unknown> => ({ name: p.org, value: [roundRate(p.x), roundRate(p.y)] });
  const averages: Record<string, unknown>[] = [];
  if (x.benchmarks) averages.push({ name: 'Peer average', xAxis: roundRate(x.benchmarks.peerAverage), label: { formatter: '{b}', position: 'end' } });
  if (y.benchmarks) averages.push({ name: 'Peer average', yAxis: roundRate(y.benchmarks.peerAverage), label: { formatter: '{b}', position: 'insideEndTop' } });
  return {
    // Indicators by name (codes mean nothing on a slide), wrapped clear of the legend.
    title: {
      text: `${x.name} vs ${y.name}`,
      subtext: [period, `x: ${x.direction} is better`, `y: ${y.direction} is better`].filter((s) => s).join(' · '),
      left: 'left',
      textStyle: { width: 720, overflow: 'break' },
    },
    aria: { enabled: true },
    grid: { left: 40, right: 40, top: 104, bottom: 40, containLabel: true },
    legend: { top: 8, right: 0, data: [home, 'Peers'] },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', scale: true, name: x.name, nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: formatMarker(fx.format, 'axis') } },
    yAxis: {
      type: 'value',
      scale: true,
      name: y.name,
      nameLocation: 'middle',
      nameRotate: 90,
      nameGap: 48,
      axisLabel: { formatter: formatMarker(fy.format, 'axis') },
    },
    series: [
      {
        type: 'scatter',
        name: 'Peers',
        symbol: 'circle',
        symbolSize: 10,
        itemStyle: { color: MUTED_COLOUR, borderColor: NHS_COLOURS.darkGrey, borderWidth: 1 },
        label: { show: true, formatter: '{b}', position: 'right', color: NHS_COLOURS.darkGrey, fontSize: 10 },
        labelLayout: { hideOverlap: true },
        data: points.filter((p) => p.role === 'peer').map(point),
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: REFERENCE_COLOURS.average, type: 'dashed', width: 1.5 },
          label: { formatter: '{b}' },
          data: averages,
        },
      },
      {
        type: 'scatter',
        name: home,
        symbol: 'diamond',
        symbolSize: 16,
        z: 3,
        itemStyle: { color: HIGHLIGHT_COLOUR },
        label: { show: true, formatter: '{b}', position: 'right', color: HIGHLIGHT_COLOUR, fontWeight: 'bold' },
        data: points.filter((p) => p.role === 'home').map(point),
      },
    ],
  };
}
