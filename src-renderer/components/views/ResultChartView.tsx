import type { ResultChart, ResultTable } from '../../../src-shared/analysis/view-types';
import { toCsv } from '../../../src-shared/export/delimited';
import { toXlsx } from '../../../src-shared/export/xlsx';
import { fileStem } from '../../../src-shared/export/file-names';
import { platform } from '../../platform';
import { useWorkbench } from '../../state/store';
import { renderPng, renderSvg } from '../charts/chart-images';
import { EChart } from '../charts/EChart';

const EXPORT_WIDTH = 960;
const EXPORT_HEIGHT = 540;

/** One chart of a view, with the same exports as any chart. */
export function ResultChartView({ chart, table, viewId }: { chart: ResultChart; table: ResultTable | undefined; viewId?: string }) {
  const notify = useWorkbench((s) => s.notify);
  const addReportItem = useWorkbench((s) => s.addReportItem);
  const base = fileStem(chart.title);
  const save = async (kind: 'png' | 'svg' | 'csv' | 'xlsx') => {
    let data: Uint8Array | string;
    let mimeType: string;
    if (kind === 'png') [data, mimeType] = [renderPng(chart.option, EXPORT_WIDTH, EXPORT_HEIGHT), 'image/png'];
    else if (kind === 'svg') [data, mimeType] = [renderSvg(chart.option, EXPORT_WIDTH, EXPORT_HEIGHT), 'image/svg+xml'];
    else {
      if (!table) return;
      const t = { columns: table.columns.map((c) => ({ key: c.key, label: c.label })), rows: table.rows };
      [data, mimeType] =
        kind === 'csv' ? [toCsv(t), 'text/csv'] : [toXlsx(t, { sheetName: chart.title }), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];
    }
    if (await platform.saveFile({ suggestedName: `${base}.${kind}`, data, mimeType, extensions: [kind] })) notify(`Saved ${base}.${kind}`);
  };
  const copy = async () => {
    try {
      await platform.copyImage(renderPng(chart.option, EXPORT_WIDTH, EXPORT_HEIGHT));
      notify('Chart copied as an image');
    } catch (error) {
      notify(`Could not copy: ${(error as Error).message}`);
    }
  };
  return (
    <figure className="result-chart" data-testid={`result-chart-${chart.id}`}>
      <figcaption className="data-panel-header">
        <h3 className="panel-title">{chart.title}</h3>
        <span className="toolbar">
          {viewId && (
            <button type="button" onClick={() => addReportItem({ kind: 'view', view: viewId, chart: chart.id })}>
              Add to report
            </button>
          )}
          <button type="button" onClick={() => void save('png')}>
            PNG
          </button>
          <button type="button" onClick={() => void save('svg')}>
            SVG
          </button>
          <button type="button" onClick={() => void copy()}>
            Copy image
          </button>
          <button type="button" onClick={() => void save('csv')} disabled={!table}>
            CSV
          </button>
          <button type="button" onClick={() => void save('xlsx')} disabled={!table}>
            Excel
          </button>
        </span>
      </figcaption>
      <div className="result-chart-box">
        <EChart option={chart.option} label={chart.title} />
      </div>
    </figure>
  );
}
