import * as echarts from 'echarts';
import { useEffect, useRef } from 'react';
import { hydrateChartOption } from '../../../src-shared/charts/hydrate';

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

  return <div ref={el} className="echart" role="img" aria-label={label} data-testid={testId} />;
}
