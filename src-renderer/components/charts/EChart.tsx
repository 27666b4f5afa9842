import * as echarts from 'echarts';
import { useEffect, useMemo, useRef } from 'react';
import { hydrateChartOption } from '../../../src-shared/charts/hydrate';
import { summariseChartOption } from '../../../src-shared/charts/chart-summary';
import type { ChartOption } from '../../../src-shared/charts/option-json';

/**
 * An ECharts canvas that renders a plain-JSON option (format markers turned
 * into formatters) and follows its container's size.
 */
export function EChart({ option, label, testId }: { option: Record<string, unknown>; label: string; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const instance = echarts.init(el.current, null, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    instance.setOption(hydrateChartOption({ ...option, animation: false }) as echarts.EChartsOption, { notMerge: true });
    el.current?.setAttribute('data-rendered', String(Date.now()));
  }, [option]);

  // The text alternative: the title, then a generated summary of what is plotted (every figure is in the data table beside it).
  const summary = useMemo(() => summariseChartOption(option as ChartOption), [option]);
  return <div ref={el} className="echart" role="img" aria-label={`${label}. ${summary}`} data-testid={testId} />;
}
