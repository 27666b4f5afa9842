import * as echarts from 'echarts';
import { hydrateChartOption } from '../../../src-shared/charts/hydrate';
import type { ChartOption } from '../../../src-shared/charts/option-json';
import { staticChartOption } from '../../../src-shared/charts/static-option';

/**
 * Render an option off screen at its export size: PNG at 2× for slides, or
 * SVG. A fresh ECharts instance per export, so the on-screen chart is untouched.
 */
function offscreen(width: number, height: number): HTMLDivElement {
  const div = document.createElement('div');
  div.style.cssText = `position:fixed;left:-20000px;top:0;width:${width}px;height:${height}px;`;
  document.body.appendChild(div);
  return div;
}

export function renderPng(option: Record<string, unknown>, width: number, height: number, pixelRatio = 2): Uint8Array {
  const div = offscreen(width, height);
  const chart = echarts.init(div, null, { renderer: 'canvas', width, height });
  try {
    chart.setOption(hydrateChartOption({ ...staticChartOption(option as ChartOption, width), animation: false }) as echarts.EChartsOption);
    const url = chart.getDataURL({ type: 'png', pixelRatio, backgroundColor: '#FFFFFF' });
    const binary = atob(url.slice(url.indexOf(',') + 1));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } finally {
    chart.dispose();
    div.remove();
  }
}

export function renderSvg(option: Record<string, unknown>, width: number, height: number): string {
  const div = offscreen(width, height);
  const chart = echarts.init(div, null, { renderer: 'svg', width, height });
  try {
    chart.setOption(hydrateChartOption({ ...staticChartOption(option as ChartOption, width), animation: false }) as echarts.EChartsOption);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
    div.remove();
  }
}
