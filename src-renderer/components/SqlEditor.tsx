import { useMemo, useRef, useState } from 'react';
import { cellText } from '../../src-shared/format/cell-text';
import { SQL_EXAMPLE, tableColumns } from '../../src-shared/session';
import { useWorkbench } from '../state/store';
import { SqlCodeEditor, type SqlCodeEditorHandle, type SqlSchema } from './SqlCodeEditor';
import { countOf } from '../../src-shared/format/count-text';

/**
 * The SQL editor's screen: the text a person types, the first rows of its
 * result and the save-as-table form. Running and saving are session actions
 * (slices/sql-editor.ts, addDerivedTable), which pass the text through the SQL gate.
 */
export function SqlEditor() {
  const sql = useWorkbench((s) => s.sqlText);
  const setSql = useWorkbench((s) => s.setSqlText);
  const run = useWorkbench((s) => s.runSql);
  const cancel = useWorkbench((s) => s.cancelSql);
  const history = useWorkbench((s) => s.sqlHistory);
  const editor = useRef<SqlCodeEditorHandle | null>(null);
  const result = useWorkbench((s) => s.sqlResult);
  const datasets = useWorkbench((s) => s.datasets);
  const addDerivedTable = useWorkbench((s) => s.addDerivedTable);
  const notify = useWorkbench((s) => s.notify);
  const [name, setName] = useState('');
  const [saveError, setSaveError] = useState<string | null>(null);
  const schema = useMemo<SqlSchema>(() => Object.fromEntries(datasets.map((d) => [d.table, tableColumns(d.report).map((c) => c.name)])), [datasets]);

  const save = async () => {
    const why = await addDerivedTable(name, sql);
    setSaveError(why);
    if (why === null) notify(`Saved the query as table ${name.trim()}`);
  };

  return (
    <section className="sql-editor" aria-labelledby="sql-heading" data-testid="sql-editor">
      <header className="editor-header">
        <h2 id="sql-heading">SQL</h2>
      </header>
      <p className="muted">
        One SELECT over the loaded tables: {datasets.map((d) => d.table).join(', ') || 'none yet'}. Ctrl+Space completes table and column names; Ctrl+Enter runs
        the selection, or everything. Nothing here can read files or change data.
      </p>
      <SqlCodeEditor value={sql} schema={schema} example={SQL_EXAMPLE} onChange={setSql} onRun={(range) => void run(range ?? undefined)} ref={editor} />
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => void run()} disabled={sql.trim() === '' || result.status === 'running'} data-testid="sql-run">
          Run
        </button>
        {result.status === 'running' && (
          <button type="button" onClick={cancel} data-testid="sql-cancel">
            Cancel
          </button>
        )}
        {history.length > 0 && (
          <label className="inline-field">
            History
            <select value="" onChange={(e) => e.target.value !== '' && setSql(history[Number(e.target.value)]!.sql)} data-testid="sql-history">
              <option value="">
                {history.length} earlier {history.length === 1 ? 'query' : 'queries'}…
              </option>
              {history.map((h, i) => (
                <option key={h.sql} value={i}>
                  {h.sql.replace(/\s+/g, ' ').slice(0, 80)} ({countOf(h.rows, 'row')})
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="inline-field">
          Save as table
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. ae_by_month" data-testid="sql-table-name" />
        </label>
        <button type="button" onClick={() => void save()} disabled={name.trim() === '' || sql.trim() === ''} data-testid="sql-save">
          Save
        </button>
      </div>
      {saveError && (
        <p className="import-error-text" role="alert">
          {saveError}
        </p>
      )}
      {result.status === 'running' && <progress aria-label="Running the query" />}
      {result.status === 'error' && (
        <p className="import-error-text" role="alert" data-testid="sql-error">
          {result.at && (
            <>
              <button type="button" className="link-button" onClick={() => editor.current?.focusAt(result.at!.offset)} data-testid="sql-error-place">
                Line {result.at.line}, column {result.at.column}
              </button>
              {': '}
            </>
          )}
          {result.message}
        </p>
      )}
      {result.status === 'ready' && (
        <div className="chart-data-wrap result-table-wrap" data-testid="sql-result">
          <p className="muted" data-testid="sql-summary">
            {result.rows.length.toLocaleString('en-GB')} {result.rows.length === 1 ? 'row' : 'rows'}
            {result.more ? ' shown (the first; save as a table for all)' : ''} in {result.ms.toLocaleString('en-GB')} ms
          </p>
          <table className="chart-data">
            <thead>
              <tr>
                {result.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r, i) => (
                <tr key={i}>
                  {result.columns.map((c) => (
                    <td key={c} className={typeof r[c] === 'number' ? 'num' : undefined}>
                      {cellText(r[c] ?? null, typeof r[c] === 'number' ? 'number' : 'string')}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
