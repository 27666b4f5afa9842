import { useEffect, useRef, type ReactNode } from 'react';
import {
  COLUMN_TYPE_LABELS,
  COLUMN_TYPES,
  displayKindOf,
  kindOfColumnType,
  type ColumnType,
  type ImportOptions,
  type TextEncoding,
} from '../../src-shared/import/types';
import { cellText } from '../../src-shared/format/cell-text';
import { formatFromFileName } from '../../src-shared/import/file-formats';
import type { SheetSummary } from '../../src-shared/import/readers/spreadsheet';
import type { JsonValue } from '../../src-shared/format/plain-json';
import { tableNameProblem } from '../../src-shared/session';
import { useWorkbench } from '../state/store';

const DELIMITERS: [string, string][] = [
  [',', 'Comma'],
  ['\t', 'Tab'],
  [';', 'Semicolon'],
  ['|', 'Pipe'],
];
const ENCODINGS: [TextEncoding, string][] = [
  ['utf-8', 'UTF-8'],
  ['windows-1252', 'Windows-1252 (Excel, UK)'],
  ['utf-16le', 'UTF-16 LE'],
  ['utf-16be', 'UTF-16 BE'],
];

function describeDelimiter(d: string | null): string {
  return DELIMITERS.find(([v]) => v === d)?.[1] ?? (d === null ? '—' : JSON.stringify(d));
}

function Field({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
      {hint && <span className="field-hint">{hint}</span>}
    </label>
  );
}

/** A sheet's size as the picker shows it: `44 rows × 69 columns`, `1,000+ rows × 3 columns`, `empty`. */
function describeSheetSize(sheet: SheetSummary): string {
  if (sheet.rows === 0) return 'empty';
  const rows = `${sheet.rows.toLocaleString('en-GB')}${sheet.moreRows ? '+' : ''} row${sheet.rows === 1 && !sheet.moreRows ? '' : 's'}`;
  return `${rows} × ${sheet.columns.toLocaleString('en-GB')} column${sheet.columns === 1 ? '' : 's'}`;
}

/**
 * The workbook's sheets with their sizes, above the preview: shown as soon as
 * the sheets are listed, and still there when a sheet's preview fails. A
 * native list box (arrow keys move through the sheets); each option's text is
 * the sheet's name and its label adds the size. Below it, the chosen sheet's
 * first rows (usually its title) say what it holds.
 */
function SheetPicker({ sheets, value, onChoose }: { sheets: readonly (SheetSummary | { name: string })[]; value: string; onChoose: (sheet: string) => void }) {
  const chosen = sheets.find((s) => s.name === value);
  const opening = (chosen && 'firstRows' in chosen ? chosen.firstRows : [])
    .slice(0, 2)
    .map((row) => row.filter((c) => c.trim() !== '').join(' · '))
    .filter((t) => t !== '')
    .join(' / ');
  return (
    <div className="sheet-picker">
      <Field label={`Sheet (${sheets.length} in this workbook)`} hint={opening ? `Begins: ${opening}` : undefined}>
        <select
          value={value}
          size={sheets.length > 1 ? Math.min(sheets.length, 6) : undefined}
          onChange={(e) => onChoose(e.target.value)}
          data-testid="sheet-select"
        >
          {sheets.map((s) => (
            <option key={s.name} value={s.name} label={'rows' in s ? `${s.name} — ${describeSheetSize(s)}` : s.name}>
              {s.name}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

function previewCell(value: JsonValue | undefined, type: ColumnType): string {
  if (value === null || value === undefined) return '';
  const kind = displayKindOf(type);
  if ((kind === 'date' || kind === 'timestamp') && typeof value === 'string') return value.replace('T', ' ');
  return cellText(value, kind);
}

/**
 * The import preview: what was detected (every part overridable), the first
 * rows typed as they will be imported, a type per column, and the table name.
 */
export function ImportDialog() {
  const pending = useWorkbench((s) => s.pendingImport);
  const update = useWorkbench((s) => s.updateImportChoices);
  const confirm = useWorkbench((s) => s.confirmImport);
  const close = useWorkbench((s) => s.closeImportPreview);
  const importButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!pending) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pending, close]);

  useEffect(() => {
    if (pending?.preview) importButton.current?.focus();
  }, [pending?.preview]);

  if (!pending) return null;
  const { files, choices, preview, previewing, previewError } = pending;
  const settings = preview?.report.settings;
  const nameProblem = tableNameProblem(choices.table);
  const isText = settings ? settings.format === 'csv' : formatFromFileName(files[0]!.name)?.format === 'csv';
  const format = settings?.format ?? formatFromFileName(files[0]!.name)?.format;
  const isSheet = format === 'xlsx' || format === 'xls';
  // The listing when it is there (sizes, first rows); else the names the preview found.
  const sheets = pending.sheets ?? (settings?.sheets.length ? settings.sheets.map((name) => ({ name })) : null);
  const sheetChoice = choices.sheet ?? settings?.sheet ?? pending.sheets?.find((s) => s.isDefault)?.name ?? '';
  const set = (patch: Partial<ImportOptions & { table: string; combine: boolean }>) => update(patch);
  const columns = preview?.report.columns ?? [];

  return (
    <div className="modal-backdrop">
      <div className="modal import-dialog" role="dialog" aria-modal="true" aria-labelledby="import-title" data-testid="import-dialog">
        <header className="modal-header">
          <h2 id="import-title">Import {files.length === 1 ? files[0]!.name : `${files.length} files`}</h2>
          <button type="button" className="icon-button" onClick={close} aria-label="Close">
            ×
          </button>
        </header>
        <div className="import-body">
          <form
            className="import-settings"
            onSubmit={(e) => {
              e.preventDefault();
              void confirm();
            }}
          >
            <Field label="Table name" hint={nameProblem ?? 'Use this name in SQL and charts.'}>
              <input value={choices.table} onChange={(e) => set({ table: e.target.value })} aria-invalid={nameProblem !== null} data-testid="table-name" />
            </Field>
            {files.length > 1 && (
              <label className="check">
                <input type="checkbox" checked={choices.combine} onChange={(e) => set({ combine: e.target.checked })} />
                Combine the {files.length} files into one table (adds a <code>source_file</code> column)
              </label>
            )}
            {isText && (
              <>
                <Field label="Encoding">
                  <select value={choices.encoding ?? ''} onChange={(e) => set({ encoding: (e.target.value || undefined) as TextEncoding | undefined })}>
                    <option value="">Detect ({settings?.encoding ?? '…'})</option>
                    {ENCODINGS.map(([v, l]) => (
                      <option key={v} value={v}>
                        {l}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field label="Delimiter">
                  <select value={choices.delimiter ?? ''} onChange={(e) => set({ delimiter: e.target.value || undefined })}>
                    <option value="">Detect ({describeDelimiter(settings?.delimiter ?? null)})</option>
                    {DELIMITERS.map(([v, l]) => (
                      <option key={l} value={v}>
                        {l}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field label="Quote character">
                  <select value={choices.quote ?? '"'} onChange={(e) => set({ quote: e.target.value })}>
                    <option value={'"'}>Double quote "</option>
                    <option value="'">Single quote '</option>
                    <option value="">None</option>
                  </select>
                </Field>
              </>
            )}
            <Field
              label="Header row"
              hint={
                settings
                  ? `Detected: line ${settings.headerRow + 1}${settings.skippedLines ? ` (${settings.skippedLines} title line${settings.skippedLines === 1 ? '' : 's'} skipped)` : ''}`
                  : undefined
              }
            >
              <input
                type="number"
                min={1}
                value={choices.headerRow === undefined ? '' : choices.headerRow + 1}
                placeholder="Detect"
                onChange={(e) => set({ headerRow: e.target.value === '' ? undefined : Math.max(0, Number(e.target.value) - 1) })}
              />
            </Field>
            <Field label="Footnote lines at the end" hint={settings ? `Detected: ${settings.footerLines}` : undefined}>
              <input
                type="number"
                min={0}
                value={choices.footerLines ?? ''}
                placeholder="Detect"
                onChange={(e) => set({ footerLines: e.target.value === '' ? undefined : Math.max(0, Number(e.target.value)) })}
              />
            </Field>
            <Field label="Numbers">
              <select
                value={choices.decimal === ',' ? 'comma' : choices.decimal === '.' ? 'point' : ''}
                onChange={(e) => {
                  const v = e.target.value;
                  set(
                    v === 'comma'
                      ? { decimal: ',', thousands: '.' }
                      : v === 'point'
                        ? { decimal: '.', thousands: ',' }
                        : { decimal: undefined, thousands: undefined },
                  );
                }}
              >
                <option value="">Detect ({settings?.decimal === ',' ? '1.234,5' : '1,234.5'})</option>
                <option value="point">1,234.5 (decimal point)</option>
                <option value="comma">1.234,5 (decimal comma)</option>
              </select>
            </Field>
            <Field label="Dates like 01/04/2016 are">
              <select value={choices.dateOrder ?? 'DMY'} onChange={(e) => set({ dateOrder: e.target.value as 'DMY' | 'MDY' | 'YMD' })}>
                <option value="DMY">Day/month/year (UK)</option>
                <option value="MDY">Month/day/year (US)</option>
                <option value="YMD">Year-month-day only</option>
              </select>
            </Field>
          </form>
          <div className="import-preview" aria-busy={previewing}>
            {isSheet && sheets && <SheetPicker sheets={sheets} value={sheetChoice} onChoose={(sheet) => set({ sheet })} />}
            {previewError && (
              <p className="import-error-text" role="alert" data-testid="preview-error">
                {previewError}
              </p>
            )}
            {previewing && !preview && <p className="muted">Reading the first rows…</p>}
            {preview && (
              <>
                <p className="muted">
                  First {preview.rows.length} rows as they will be imported; types are detected from the first rows (10,000 of a text file) and checked against
                  every row on import.
                </p>
                {preview.report.warnings.length > 0 && (
                  <ul className="preview-warnings">
                    {preview.report.warnings.map((w) => (
                      <li key={w}>{w}</li>
                    ))}
                  </ul>
                )}
                <div className="preview-table-wrap">
                  <table className="preview-table" data-testid="preview-table">
                    <thead>
                      <tr>
                        {columns.map((c) => (
                          <th key={c.name} scope="col">
                            <div className="preview-col-name">{c.name}</div>
                            {c.derived ? (
                              <span className="type-badge">Added: {COLUMN_TYPE_LABELS[c.type]}</span>
                            ) : (
                              <select
                                aria-label={`Type of ${c.name}`}
                                value={choices.columnTypes?.[c.name] ?? c.type}
                                onChange={(e) => set({ columnTypes: { ...choices.columnTypes, [c.name]: e.target.value as ColumnType } })}
                              >
                                {COLUMN_TYPES.map((t) => (
                                  <option key={t} value={t}>
                                    {COLUMN_TYPE_LABELS[t]}
                                  </option>
                                ))}
                              </select>
                            )}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {preview.rows.map((row, i) => (
                        <tr key={i}>
                          {columns.map((c) => (
                            <td key={c.name} className={kindOfColumnType(c.type) === 'number' ? 'num' : undefined}>
                              {previewCell(row[c.name], c.type)}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </div>
        </div>
        <footer className="modal-footer">
          <span className="muted">
            {files.map((f) => f.name).join(', ')} · {(files.reduce((a, f) => a + f.size, 0) / 1024 / 1024).toFixed(1)} MB · read only
          </span>
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            ref={importButton}
            onClick={() => void confirm()}
            disabled={nameProblem !== null || previewError !== null || !preview}
            data-testid="confirm-import"
          >
            Import
          </button>
        </footer>
      </div>
    </div>
  );
}
