import { useEffect, useMemo, useRef, useState } from 'react';
import { AGGREGATIONS, CHART_TYPES, STACK_MODES, type ChartSpecInput, type ChartType } from '../../../src-shared/charts/chart-spec';
import { buildChartOption } from '../../../src-shared/charts/build-chart-option';
import { buildChartTable } from '../../../src-shared/charts/chart-table';
import { chartExportTable } from '../../../src-shared/charts/chart-export';
import { chartPivotDisplay } from '../../../src-shared/charts/chart-pivot';
import {
  clearSeries,
  clearX,
  dropOnShelf,
  removeFilter,
  removeMeasure,
  removePivotRow,
  setPivot,
  setXGrain,
  updatePivotRow,
  setAggregate,
  setTopN,
  updateFilter,
  updateMeasure,
  type Shelf,
} from '../../../src-shared/charts/spec-edit';
import { TIME_GRAINS, GRAIN_TITLES } from '../../../src-shared/charts/time-grain';
import { toCsv, toTsv } from '../../../src-shared/export/delimited';
import { toXlsx } from '../../../src-shared/export/xlsx';
import { NUMBER_FORMATS, type NumberFormat } from '../../../src-shared/format/number-format';
import { fileStem } from '../../../src-shared/export/file-names';
import { platform } from '../../platform';
import { useWorkbench } from '../../state/store';
import { displayName, shownChartResult, tableColumns } from '../../../src-shared/session';
import { ChartDataTable } from './ChartDataTable';
import { renderPng, renderSvg } from './chart-images';
import { EChart } from './EChart';
import { FieldList } from './FieldList';
import { FilterEditor } from './FilterEditor';
import { ShelfBox } from './Shelf';
import { StatisticalSettings } from './StatisticalSettings';
import { CalculatedMeasureForm } from './CalculatedMeasure';
import { PivotGrid } from './PivotGrid';
import { countOf } from '../../../src-shared/format/count-text';

const TYPE_LABELS: Record<ChartType, string> = {
  column: 'Column',
  bar: 'Horizontal bar',
  line: 'Line',
  area: 'Area',
  combo: 'Combo (columns + line)',
  scatter: 'Scatter',
  pie: 'Pie',
  donut: 'Donut',
  heatmap: 'Heatmap',
  spc: 'SPC chart (Making Data Count)',
  funnel: 'Funnel plot',
  table: 'Table',
  pivot: 'Pivot table',
};
const AGG_LABELS: Record<(typeof AGGREGATIONS)[number], string> = {
  sum: 'Sum',
  mean: 'Average',
  count: 'Count',
  count_distinct: 'Count distinct',
  min: 'Minimum',
  max: 'Maximum',
  median: 'Median',
};
const FORMAT_LABELS: Record<NumberFormat, string> = {
  number: '1,234.5',
  integer: '1,235',
  gbp: '£1,235',
  gbp_k: '£1.2k',
  gbp_m: '£1.2m',
  percent: '12.3%',
  per_1000: 'per 1,000',
  per_100000: 'per 100,000',
  brackets: '(9.8)',
};
const STACK_LABELS = { grouped: 'Side by side', stacked: 'Stacked', percent: '100% stacked' } as const;

type Spec = ChartSpecInput;
type Grain = (typeof TIME_GRAINS)[number];

/** A field on the x or colour shelf: its name, a time grain for dates, and a remove button. */
function DimensionChip(props: {
  dimension: { field: string; grain?: Grain };
  /** How the field reads (its display name). */
  name: string;
  isDate: boolean;
  grainLabel: string;
  grainTestId?: string;
  removeLabel: string;
  onGrain(g: Grain): void;
  onRemove(): void;
}) {
  const { dimension, isDate } = props;
  return (
    <div className="chip">
      <span className="chip-name" title={props.name === dimension.field ? undefined : `column ${dimension.field}`}>
        {props.name}
      </span>
      {isDate && (
        <select
          aria-label={props.grainLabel}
          value={dimension.grain ?? 'none'}
          onChange={(e) => props.onGrain(e.target.value as Grain)}
          data-testid={props.grainTestId}
        >
          {TIME_GRAINS.map((g) => (
            <option key={g} value={g}>
              {GRAIN_TITLES[g]}
            </option>
          ))}
        </select>
      )}
      <button type="button" className="icon-button" onClick={props.onRemove} aria-label={props.removeLabel}>
        ×
      </button>
    </div>
  );
}

/** The chart builder: fields, shelves, type and formatting on the left; live preview, data and exports on the right. */
export function ChartEditor({ id }: { id: string }) {
  const doc = useWorkbench((s) => s.charts.find((c) => c.id === id));
  const result = useWorkbench((s) => s.chartResults[id]);
  const history = useWorkbench((s) => s.chartHistory[id]);
  const update = useWorkbench((s) => s.updateChart);
  const undo = useWorkbench((s) => s.undoChart);
  const redo = useWorkbench((s) => s.redoChart);
  const remove = useWorkbench((s) => s.deleteChart);
  const datasets = useWorkbench((s) => s.datasets);
  const notify = useWorkbench((s) => s.notify);
  const addReportItem = useWorkbench((s) => s.addReportItem);
  const [previewSize, setPreviewSize] = useState({ width: 900, height: 480 });
  const previewBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = previewBox.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      const width = Math.round(el.clientWidth);
      const height = Math.round(el.clientHeight);
      if (width > 0 && height > 0) setPreviewSize((p) => (p.width === width && p.height === height ? p : { width, height }));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const table = doc?.spec.source.table ?? '';
  const dataset = datasets.find((d) => d.table === table);
  const columns = useMemo(() => (dataset ? tableColumns(dataset.report) : []), [dataset]);
  const change = (fn: (spec: Spec) => Spec) => update(id, fn);
  const allSettings = useWorkbench((s) => s.fieldSettings);
  const nameOf = (field: string) =>
    displayName(
      allSettings.filter((f) => f.table === table),
      field,
    );
  /** The calculated measure being written (`index` null) or edited. */
  const [calc, setCalc] = useState<{ index: number | null } | null>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const target = e.target as HTMLElement;
      if (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA') return;
      if (e.key.toLowerCase() === 'z' && !e.shiftKey) {
        e.preventDefault();
        undo(id);
      } else if (e.key.toLowerCase() === 'y' || (e.key.toLowerCase() === 'z' && e.shiftKey)) {
        e.preventDefault();
        redo(id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [id, undo, redo]);

  // Exports use only a finished result; the preview keeps the last one drawn while a re-query runs, so it does not flash.
  const ready = result?.status === 'ready' ? result : null;
  const shown = shownChartResult(result);
  const option = useMemo(() => (shown ? buildChartOption(shown.spec, shown.rows, previewSize) : null), [shown, previewSize]);
  const dataTable = useMemo(() => (shown && shown.spec.type !== 'pivot' ? buildChartTable(shown.spec, shown.rows) : null), [shown]);
  const pivotView = useMemo(() => (shown && shown.spec.type === 'pivot' ? chartPivotDisplay(shown.spec, shown.rows) : null), [shown]);

  if (!doc) return null;
  const spec = doc.spec;
  const onAdd = (shelf: Shelf, name: string) => {
    const column = columns.find((c) => c.name === name);
    if (column) change((s) => dropOnShelf(s, shelf, column));
  };
  const fmt = spec.format ?? {};
  const isPivot = spec.type === 'pivot';
  const setFormat = (patch: Partial<NonNullable<Spec['format']>>) => change((s) => ({ ...s, format: { ...(s.format ?? {}), ...patch } }));
  const xColumn = columns.find((c) => c.name === spec.x?.field);
  const seriesColumn = columns.find((c) => c.name === spec.series?.field);
  const top = (spec.filters ?? []).find((f) => f.kind === 'top' && (f.dimension ?? 'x') === 'x');
  const lines = fmt.referenceLines ?? [];
  const hasAverage = lines.some((l) => l.type === 'average');
  const target = lines.find((l) => l.type === 'value');
  const fileBase = fileStem(fmt.title ?? 'chart', 'chart');
  const exportSize = { width: fmt.width ?? 960, height: fmt.height ?? 540 };

  const exportOption = () => (ready ? buildChartOption(ready.spec, ready.rows, exportSize) : null);
  const save = async (kind: 'png' | 'svg' | 'csv' | 'xlsx') => {
    if (!ready) return;
    const o = exportOption()!;
    const files = {
      png: () => ({ data: renderPng(o, exportSize.width, exportSize.height), mimeType: 'image/png' }),
      svg: () => ({ data: renderSvg(o, exportSize.width, exportSize.height), mimeType: 'image/svg+xml' }),
      csv: () => ({ data: toCsv(chartExportTable(ready.spec, ready.rows)), mimeType: 'text/csv' }),
      xlsx: () => ({
        data: toXlsx(chartExportTable(ready.spec, ready.rows), { sheetName: fmt.title ?? 'Chart data' }),
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      }),
    }[kind]();
    const saved = await platform.saveFile({ suggestedName: `${fileBase}.${kind}`, data: files.data, mimeType: files.mimeType, extensions: [kind] });
    if (saved) notify(`Saved ${fileBase}.${kind}`);
  };
  const copy = async (what: 'image' | 'tsv') => {
    if (!ready) return;
    try {
      if (what === 'image') await platform.copyImage(renderPng(exportOption()!, exportSize.width, exportSize.height));
      else await platform.copyText(toTsv(chartExportTable(ready.spec, ready.rows)));
      notify(what === 'image' ? 'Chart copied as an image' : 'Data copied: paste into Excel');
    } catch (error) {
      notify(`Could not copy: ${(error as Error).message}`);
    }
  };

  return (
    <section className="chart-editor" aria-labelledby="chart-heading" data-testid="chart-editor">
      <header className="editor-header">
        <h2 id="chart-heading">Chart of {table}</h2>
        <div className="toolbar" role="toolbar" aria-label="Chart actions">
          <button type="button" onClick={() => undo(id)} disabled={!history?.past.length} title="Undo (Ctrl+Z)" data-testid="undo">
            Undo
          </button>
          <button type="button" onClick={() => redo(id)} disabled={!history?.future.length} title="Redo (Ctrl+Y)" data-testid="redo">
            Redo
          </button>
          <span className="toolbar-sep" />
          <button type="button" onClick={() => void save('png')} disabled={!ready} data-testid="export-png">
            PNG
          </button>
          <button type="button" onClick={() => void save('svg')} disabled={!ready} data-testid="export-svg">
            SVG
          </button>
          <button type="button" onClick={() => void copy('image')} disabled={!ready} data-testid="copy-image">
            Copy image
          </button>
          <button type="button" onClick={() => void save('csv')} disabled={!ready} data-testid="export-csv">
            CSV
          </button>
          <button type="button" onClick={() => void save('xlsx')} disabled={!ready} data-testid="export-xlsx">
            Excel
          </button>
          <span className="toolbar-sep" />
          <button type="button" onClick={() => addReportItem({ kind: 'chart', chart: id })} data-testid="add-chart-to-report">
            Add to report
          </button>
          <button type="button" onClick={() => remove(id)} title="Delete this chart">
            Delete
          </button>
        </div>
      </header>
      <div className="editor-body">
        <aside className="editor-fields">
          <h3 className="panel-title">Fields of {table}</h3>
          <FieldList table={table} columns={columns} pivot={isPivot} onAdd={(shelf, c) => onAdd(shelf, c.name)} />
        </aside>
        <div className="editor-settings">
          <label className="field">
            <span className="field-label">Chart type</span>
            <select value={spec.type} onChange={(e) => change((s) => ({ ...s, type: e.target.value as ChartType }))} data-testid="chart-type">
              {CHART_TYPES.map((t) => (
                <option key={t} value={t}>
                  {TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          </label>
          <StatisticalSettings spec={spec} change={change} />
          {isPivot && (
            <fieldset className="pivot-options" data-testid="pivot-options">
              <legend>Pivot table</legend>
              <label className="check">
                <input type="checkbox" checked={spec.pivot?.subtotals ?? true} onChange={(e) => change((s) => setPivot(s, { subtotals: e.target.checked }))} />{' '}
                Subtotals
              </label>
              <label className="check">
                <input type="checkbox" checked={spec.pivot?.totals ?? true} onChange={(e) => change((s) => setPivot(s, { totals: e.target.checked }))} /> Totals
              </label>
              <label className="check">
                <input
                  type="checkbox"
                  checked={spec.pivot?.colour === 'scale'}
                  onChange={(e) => change((s) => setPivot(s, { colour: e.target.checked ? 'scale' : 'none' }))}
                  data-testid="pivot-colour"
                />{' '}
                Shade cells by value
              </label>
            </fieldset>
          )}
          {(spec.type === 'column' || spec.type === 'bar' || spec.type === 'area' || spec.type === 'line') && (
            <label className="field">
              <span className="field-label">Series</span>
              <select
                value={spec.stack ?? 'grouped'}
                onChange={(e) => change((s) => ({ ...s, stack: e.target.value as (typeof STACK_MODES)[number] }))}
                data-testid="stack-mode"
              >
                {STACK_MODES.map((m) => (
                  <option key={m} value={m}>
                    {STACK_LABELS[m]}
                  </option>
                ))}
              </select>
            </label>
          )}
          <ShelfBox
            label={isPivot ? 'Rows' : 'X axis (categories)'}
            hint={isPivot ? 'Drop the first row field here' : 'Drop a field here'}
            onDropField={(n) => onAdd(isPivot && spec.x ? 'rows' : 'x', n)}
            testId="shelf-x"
          >
            {spec.x && (
              <DimensionChip
                dimension={spec.x}
                name={nameOf(spec.x.field)}
                isDate={xColumn?.kind === 'date'}
                grainLabel="Time grain"
                grainTestId="x-grain"
                removeLabel="Remove x axis field"
                onGrain={(grain) => change((s) => setXGrain(s, grain))}
                onRemove={() => change(clearX)}
              />
            )}
            {isPivot &&
              (spec.pivot?.rows ?? []).map((d, i) => (
                <DimensionChip
                  key={d.field}
                  dimension={d}
                  name={nameOf(d.field)}
                  isDate={columns.find((c) => c.name === d.field)?.kind === 'date'}
                  grainLabel={`Time grain of row field ${d.field}`}
                  removeLabel={`Remove row field ${d.field}`}
                  onGrain={(grain) => change((s) => updatePivotRow(s, i, { grain }))}
                  onRemove={() => change((s) => removePivotRow(s, i))}
                />
              ))}
            {isPivot && spec.x && <p className="shelf-hint">Drop more fields here, or use a field’s Sub-rows button, to nest rows.</p>}
            {spec.x && !isPivot && (
              <label className="inline-field">
                Show top
                <input
                  type="number"
                  min={0}
                  value={top && top.kind === 'top' ? top.n : ''}
                  placeholder="all"
                  aria-label="Show only the top N categories"
                  onChange={(e) => change((s) => setTopN(s, Number(e.target.value) || 0))}
                />
              </label>
            )}
          </ShelfBox>
          <ShelfBox label="Values" hint="Drop a field to add a measure" onDropField={(n) => onAdd('y', n)} testId="shelf-y">
            {spec.y.map((m, i) =>
              m.expr !== undefined ? (
                <div className="chip chip-measure" key={`calc-${m.id ?? i}`} data-testid="measure">
                  <span className="chip-name" title={m.expr}>
                    {m.label ?? m.id} <span className="muted">= {m.expr}</span>
                  </span>
                  <button type="button" onClick={() => setCalc({ index: i })} aria-label={`Edit calculated measure ${m.label ?? m.id ?? ''}`}>
                    Edit
                  </button>
                  {spec.y.length > 1 && (
                    <button
                      type="button"
                      className="icon-button"
                      onClick={() => change((s) => removeMeasure(s, i))}
                      aria-label={`Remove ${m.label ?? m.id ?? 'calculated measure'}`}
                    >
                      ×
                    </button>
                  )}
                </div>
              ) : (
                <div className="chip chip-measure" key={`${m.field ?? 'rows'}-${m.aggregate}-${i}`} data-testid="measure">
                  <select
                    aria-label={`Aggregation of ${m.field ?? 'rows'}`}
                    value={m.aggregate}
                    onChange={(e) => change((s) => setAggregate(s, i, e.target.value as (typeof AGGREGATIONS)[number]))}
                  >
                    {AGGREGATIONS.map((a) => (
                      <option key={a} value={a}>
                        {AGG_LABELS[a]}
                      </option>
                    ))}
                  </select>
                  <span className="chip-name">{m.field === undefined ? 'rows' : nameOf(m.field)}</span>
                  <select
                    aria-label={`Number format of ${m.field ?? 'rows'}`}
                    value={m.format ?? ''}
                    onChange={(e) => change((s) => updateMeasure(s, i, { format: (e.target.value || undefined) as NumberFormat | undefined }))}
                  >
                    <option value="">Auto</option>
                    {NUMBER_FORMATS.map((f) => (
                      <option key={f} value={f}>
                        {FORMAT_LABELS[f]}
                      </option>
                    ))}
                  </select>
                  <input
                    className="chip-label"
                    value={m.label ?? ''}
                    placeholder="Name in legend"
                    aria-label={`Name of ${m.field ?? 'the row count'} in legends and exports`}
                    onChange={(e) => change((s) => updateMeasure(s, i, { label: e.target.value || undefined }))}
                    data-testid="measure-label"
                  />
                  {spec.y.length > 1 && (
                    <button
                      type="button"
                      className="icon-button"
                      onClick={() => change((s) => removeMeasure(s, i))}
                      aria-label={`Remove ${m.field ?? 'row count'}`}
                    >
                      ×
                    </button>
                  )}
                </div>
              ),
            )}
            {calc ? (
              <CalculatedMeasureForm
                columns={columns}
                measures={spec.y}
                initial={calc.index === null ? undefined : spec.y[calc.index]}
                onCancel={() => setCalc(null)}
                onSave={(m) => {
                  const index = calc.index;
                  change((s) => ({ ...s, y: index === null ? [...s.y, m] : s.y.map((old, j) => (j === index ? m : old)) }));
                  setCalc(null);
                }}
              />
            ) : (
              <button type="button" onClick={() => setCalc({ index: null })} data-testid="add-calculated-measure">
                Add calculated measure…
              </button>
            )}
          </ShelfBox>
          <ShelfBox
            label={isPivot ? 'Columns' : 'Colour (split into series)'}
            hint={isPivot ? 'Drop a field to make a column per value' : 'Drop a field to split by its values'}
            onDropField={(n) => onAdd('series', n)}
            testId="shelf-series"
          >
            {spec.series && (
              <DimensionChip
                dimension={spec.series}
                name={nameOf(spec.series.field)}
                isDate={seriesColumn?.kind === 'date'}
                grainLabel="Colour time grain"
                removeLabel="Remove colour split"
                onGrain={(grain) => change((s) => ({ ...s, series: { ...s.series!, grain } }))}
                onRemove={() => change(clearSeries)}
              />
            )}
          </ShelfBox>
          <ShelfBox label="Filters" hint="Drop a field to filter by it" onDropField={(n) => onAdd('filter', n)} testId="shelf-filter">
            {(spec.filters ?? []).length > 0 &&
              (spec.filters ?? []).map((f, i) =>
                f.kind === 'top' ? null : (
                  <FilterEditor
                    key={`${f.kind}-${i}`}
                    table={table}
                    filter={f}
                    onChange={(nf) => change((s) => updateFilter(s, i, nf))}
                    onRemove={() => change((s) => removeFilter(s, i))}
                  />
                ),
              )}
          </ShelfBox>
          <label className="field">
            <span className="field-label">Sort</span>
            <select
              value={`${spec.sort?.by ?? 'category'}:${spec.sort?.direction ?? 'asc'}`}
              onChange={(e) => {
                const [by, direction] = e.target.value.split(':') as ['category' | 'value', 'asc' | 'desc'];
                change((s) => ({ ...s, sort: { by, direction } }));
              }}
            >
              <option value="category:asc">Categories in order</option>
              <option value="category:desc">Categories reversed</option>
              <option value="value:desc">Largest first</option>
              <option value="value:asc">Smallest first</option>
            </select>
          </label>
          <details className="format-panel" open>
            <summary>Titles and formatting</summary>
            {(
              [
                ['title', 'Title'],
                ['subtitle', 'Subtitle'],
                ['sourceNote', 'Source note'],
                ['footnote', 'Footnote'],
                ['xAxisTitle', 'X axis title'],
                ['yAxisTitle', 'Value axis title'],
              ] as const
            ).map(([key, text]) => (
              <label className="field" key={key}>
                <span className="field-label">{text}</span>
                <input value={fmt[key] ?? ''} onChange={(e) => setFormat({ [key]: e.target.value || undefined })} data-testid={`format-${key}`} />
              </label>
            ))}
            <label className="check">
              <input type="checkbox" checked={fmt.dataLabels ?? false} onChange={(e) => setFormat({ dataLabels: e.target.checked })} /> Data labels
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={hasAverage}
                onChange={(e) => setFormat({ referenceLines: e.target.checked ? [...lines, { type: 'average' }] : lines.filter((l) => l.type !== 'average') })}
              />{' '}
              Average line
            </label>
            <label className="field">
              <span className="field-label">Target line at</span>
              <input
                type="number"
                value={target?.type === 'value' ? target.value : ''}
                placeholder="none"
                onChange={(e) => {
                  const rest = lines.filter((l) => l.type !== 'value');
                  setFormat({ referenceLines: e.target.value === '' ? rest : [...rest, { type: 'value', value: Number(e.target.value), label: 'Target' }] });
                }}
              />
            </label>
            <label className="field">
              <span className="field-label">Highlight (e.g. our CCG)</span>
              <input
                value={(fmt.highlight ?? []).join(', ')}
                placeholder="11X"
                onChange={(e) =>
                  setFormat({
                    highlight: e.target.value
                      .split(',')
                      .map((v) => v.trim())
                      .filter(Boolean),
                  })
                }
                data-testid="format-highlight"
              />
            </label>
            <label className="field">
              <span className="field-label">Colours</span>
              <select value={fmt.palette ?? 'nhs'} onChange={(e) => setFormat({ palette: e.target.value as 'nhs' | 'colour-blind-safe' })}>
                <option value="nhs">NHS palette</option>
                <option value="colour-blind-safe">Colour-blind safe</option>
              </select>
            </label>
            <label className="field">
              <span className="field-label">Export size (px)</span>
              <span className="inline-field">
                <input
                  type="number"
                  min={200}
                  max={4000}
                  aria-label="Export width"
                  value={fmt.width ?? 960}
                  onChange={(e) => setFormat({ width: Math.min(4000, Math.max(200, Number(e.target.value) || 960)) })}
                />
                ×
                <input
                  type="number"
                  min={200}
                  max={4000}
                  aria-label="Export height"
                  value={fmt.height ?? 540}
                  onChange={(e) => setFormat({ height: Math.min(4000, Math.max(200, Number(e.target.value) || 540)) })}
                />
              </span>
            </label>
          </details>
        </div>
        <div className="editor-preview">
          <div className="preview-box" ref={previewBox} aria-busy={result?.status === 'running'} data-testid="chart-preview-box">
            {result?.status === 'running' && !shown && (
              <p className="muted" role="status">
                Running…
              </p>
            )}
            {result?.status === 'running' && shown && (
              <span className="updating" role="status">
                Updating…
              </span>
            )}
            {result?.status === 'invalid' && (
              <div className="chart-issues" role="alert" data-testid="chart-issues">
                <strong>This chart needs:</strong>
                <ul>
                  {result.issues.map((i) => (
                    <li key={i}>{i}</li>
                  ))}
                </ul>
              </div>
            )}
            {result?.status === 'error' && (
              <p className="import-error-text" role="alert">
                {result.message}
              </p>
            )}
            {pivotView && <PivotGrid pivot={pivotView} label={fmt.title ?? 'Pivot table'} />}
            {option && !pivotView && <EChart option={option} label={fmt.title ?? 'Chart preview'} testId="chart-preview" />}
          </div>
          {isPivot && shown && (
            <div className="data-panel-header">
              <span className="muted">{pivotView ? countOf(pivotView.rows.length, 'row') : ''}</span>
              <button type="button" onClick={() => void copy('tsv')} data-testid="copy-tsv">
                Copy as TSV
              </button>
            </div>
          )}
          {dataTable && !isPivot && (
            <div className="data-panel">
              <div className="data-panel-header">
                <h3 className="panel-title">Data ({countOf(dataTable.rows.length, 'row')})</h3>
                <button type="button" onClick={() => void copy('tsv')} data-testid="copy-tsv">
                  Copy as TSV
                </button>
              </div>
              <ChartDataTable table={dataTable} />
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
