import type { JsonValue } from '../format/plain-json';
import type { ChartOption } from './option-json';

/**
 * A chart's text alternative: one or two sentences a screen reader reads in
 * place of the picture, generated from the option itself (so the builder's
 * charts and every view's charts get one): what is plotted against what, how
 * many categories and their range, and each series' highest and lowest
 * points. The chart's data table, shown with it, holds every figure.
 */

const isObject = (v: unknown): v is Record<string, JsonValue> => typeof v === 'object' && v !== null && !Array.isArray(v);

function numberOf(v: JsonValue | undefined): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (Array.isArray(v)) return numberOf(v[v.length - 1]);
  if (isObject(v)) return numberOf(v.value);
  return null;
}

const figure = (n: number) => (Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-GB') : Number(n.toPrecision(3)).toLocaleString('en-GB'));

function categoryAxis(option: ChartOption): string[] | null {
  for (const key of ['xAxis', 'yAxis'] as const) {
    const axes = option[key];
    for (const axis of Array.isArray(axes) ? axes : [axes]) {
      if (isObject(axis) && axis.type === 'category' && Array.isArray(axis.data)) return axis.data.map((d) => (isObject(d) ? String(d.value) : String(d)));
    }
  }
  return null;
}

export function summariseChartOption(option: ChartOption): string {
  const series = (Array.isArray(option.series) ? option.series : isObject(option.series) ? [option.series] : []).filter(isObject);
  if (series.length === 0) return Array.isArray(option.graphic) || isObject(option.graphic) ? 'A table; its figures are in the data table.' : 'No data.';
  const first = series[0]!;
  if (first.type === 'pie') {
    const slices = (Array.isArray(first.data) ? first.data : []).filter(isObject).map((d) => ({ name: String(d.name), value: numberOf(d.value) ?? 0 }));
    const total = slices.reduce((a, b) => a + b.value, 0);
    const largest = [...slices].sort((a, b) => b.value - a.value)[0];
    return largest && total > 0
      ? `A pie chart of ${slices.length} slices; the largest is ${largest.name}, ${Math.round((100 * largest.value) / total)}% of the total.`
      : 'A pie chart with no values.';
  }
  const categories = categoryAxis(option);
  const kinds = [...new Set(series.map((s) => (s.type === 'bar' ? 'bars' : s.type === 'line' ? 'lines' : s.type === 'scatter' ? 'points' : String(s.type))))];
  const named = series.flatMap((s) => (typeof s.name === 'string' && s.name !== '' ? [{ name: s.name, data: s.data }] : [])).slice(0, 6);
  const lead = `${kinds.join(' and ')} for ${series.length === 1 ? (named[0] ? `"${named[0].name}"` : 'one series') : `${series.length} series`}`;
  const across =
    categories && categories.length ? `, across ${categories.length} categories from ${categories[0]} to ${categories[categories.length - 1]}` : '';
  const extremes = named
    .slice(0, 3)
    .map((s) => {
      const values = (Array.isArray(s.data) ? s.data : []).map(numberOf);
      let hi = -1;
      let lo = -1;
      values.forEach((v, i) => {
        if (v === null) return;
        if (hi < 0 || v > values[hi]!) hi = i;
        if (lo < 0 || v < values[lo]!) lo = i;
      });
      if (hi < 0) return null;
      const at = (i: number) => (categories?.[i] !== undefined ? ` (${categories[i]})` : '');
      return `${s.name}: highest ${figure(values[hi]!)}${at(hi)}, lowest ${figure(values[lo]!)}${at(lo)}`;
    })
    .filter((t): t is string => t !== null);
  const sentence = `A chart of ${lead}${across}.`;
  return extremes.length ? `${sentence} ${extremes.join('; ')}.` : sentence;
}
