import { useMemo, useState } from 'react';
import { VIEW_TEMPLATES } from '../../../src-shared/analysis/registry';
import { fitReason, rankTables, suggestTables } from '../../../src-shared/analysis/table-fit';
import { useWorkbench } from '../../state/store';

/** Choose a benchmark view and the loaded tables it reads (the tables that suit it come first and are ticked for you). */
export function NewViewDialog({ onClose }: { onClose(): void }) {
  const datasets = useWorkbench((s) => s.datasets);
  const tableInfos = useWorkbench((s) => s.tableInfos);
  const createView = useWorkbench((s) => s.createView);
  const [templateId, setTemplateId] = useState(VIEW_TEMPLATES[0]!.id);
  const template = VIEW_TEMPLATES.find((t) => t.id === templateId)!;
  // Asked of the template: how well each table suits it, and which tables it starts with (its best fit and companions).
  const { ranked, suggested } = useMemo(() => {
    const infos = tableInfos(datasets.map((d) => d.table));
    return { ranked: rankTables(template, infos), suggested: suggestTables(template, infos) };
  }, [datasets, template, tableInfos]);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const tables = chosen ?? suggested;
  return (
    <div className="modal-backdrop">
      <div className="modal new-view-dialog" role="dialog" aria-modal="true" aria-labelledby="new-view-title" data-testid="new-view-dialog">
        <header className="modal-header">
          <h2 id="new-view-title">New benchmark view</h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close">
            ×
          </button>
        </header>
        <div className="new-view-body">
          <fieldset className="plain-fieldset">
            <legend className="field-label">View</legend>
            {VIEW_TEMPLATES.map((t) => (
              <label key={t.id} className="template-choice">
                <input
                  type="radio"
                  name="template"
                  value={t.id}
                  checked={t.id === templateId}
                  onChange={() => {
                    setTemplateId(t.id);
                    setChosen(null);
                  }}
                  data-testid={`template-${t.id}`}
                />
                <span>
                  <strong>{t.title}</strong>
                  <br />
                  <span className="muted">{t.description}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <fieldset className="plain-fieldset">
            <legend className="field-label">Tables</legend>
            {datasets.length === 0 && <p className="muted">Open some data first.</p>}
            {ranked.map((fit) => (
              <label key={fit.table} className="check">
                <input
                  type="checkbox"
                  checked={tables.includes(fit.table)}
                  onChange={(e) => setChosen(e.target.checked ? [...tables, fit.table] : tables.filter((t) => t !== fit.table))}
                />
                {fit.table}
                <span className={fit.fits ? 'fit-yes' : 'muted'} data-testid={`fit-${fit.table}`}>
                  {' '}
                  — {fitReason(fit)}
                </span>
              </label>
            ))}
          </fieldset>
        </div>
        <footer className="modal-footer">
          <span className="muted">Columns are matched to roles automatically; you can change them afterwards.</span>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={tables.length === 0}
            data-testid="create-view"
            onClick={() => {
              createView(templateId, tables);
              onClose();
            }}
          >
            Create view
          </button>
        </footer>
      </div>
    </div>
  );
}
