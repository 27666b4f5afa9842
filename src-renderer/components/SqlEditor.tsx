import { useState } from 'react';
import { cellText } from '../../src-shared/format/cell-text';
import { SQL_EXAMPLE } from '../../src-shared/session';
import { useWorkbench } from '../state/store';

/**
 * The SQL editor's screen: the text a person types, the first rows of its
 * result and the save-as-table form. Running and saving are session actions
 * (slices/sql-editor.ts, addDerivedTable), which pass the text through the SQL gate.
 */
export function SqlEditor() {
  const sql = useWorkbench((s) => s.sqlText);
  const setSql = useWorkbench((s) => s.setSqlText);
  const run = useWorkbench((s) => s.runSql);
  const result = useWorkbench((s) => s.sqlResult);
  const datasets = useWorkbench((s) => s.datasets);
  const addDerivedTable = useWorkbench((s) => s.addDerivedTable);
  const notify = useWorkbench((s) => s.notify);
  const [name, setName] = useState('');
  const [saveError, setSaveError] = useState<string | null>(null);

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
        One SELECT over the loaded tables: {datasets.map((d) => d.table).join(', ') || 'none yet'}. Press Ctrl+Enter to run. Nothing here can read files or
        change data.
      </p>
      <textarea
        className="sql-text"
        rows={8}
        value={sql}
        spellCheck={false}
        aria-label="SQL"
        placeholder={SQL_EXAMPLE}
        onChange={(e) => setSql(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void run();
          }
        }}
        data-testid="sql-text"
      />
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => void run()} disabled={sql.trim() === '' || result.status === 'running'} data-testid="sql-run">
          Run
        </button>
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
