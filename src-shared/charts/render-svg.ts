import * as echarts from 'echarts';
import { hydrateChartOption } from './hydrate';

export interface SvgSize {
  width: number;
  height: number;
}

/**
 * Render a plain-JSON ECharts option (format markers and all) to an SVG
 * string in node, without a browser: ECharts' server-side SVG renderer.
 * Animation is off so the SVG shows the final state.
 */
export function renderChartSvg(option: Readonly<Record<string, unknown>>, size: SvgSize): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(hydrateChartOption({ ...option, animation: false }) as echarts.EChartsCoreOption);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
