import { useMemo, useState } from 'react';
import { mappingProblems, suggestMapping } from '../../../src-shared/analysis/mapping';
import { VIEW_TEMPLATES } from '../../../src-shared/analysis/registry';
import { useWorkbench } from '../../state/store';

/** Choose a benchmark view and the loaded tables it reads (tables that fit are ticked for you). */
export function NewViewDialog({ onClose }: { onClose(): void }) {
  const datasets = useWorkbench((s) => s.datasets);
  const tableInfos = useWorkbench((s) => s.tableInfos);
  const createView = useWorkbench((s) => s.createView);
  const [templateId, setTemplateId] = useState(VIEW_TEMPLATES[0]!.id);
  const template = VIEW_TEMPLATES.find((t) => t.id === templateId)!;
  // Tables that fit, best first: a recognised layout (e.g. the DTOC sitrep), then the most roles matched by name.
  const fitting = useMemo(() => {
    const scored = datasets.map((d) => {
      const infos = tableInfos([d.table]);
      const recognised = template.recognise?.(infos) ?? null;
      const mapping = suggestMapping(template.roles, infos, recognised ?? {});
      const fits = mappingProblems(template.roles.filter((r) => r.required), infos, mapping).length === 0;
      return { table: d.table, fits, score: (recognised ? 1000 : 0) + Object.keys(mapping).length };
    });
    return scored.filter((t) => t.fits).sort((a, b) => b.score - a.score).map((t) => t.table);
  }, [datasets, template, tableInfos]);
  const [chosen, setChosen] = useState<string[] | null>(null);
  // Peer groups are derived from a second, demographics table when one is loaded.
  const demographics = templateId === 'peers' ? datasets.map((d) => d.table).filter((t) => /demograph/i.test(t)) : [];
  const tables = chosen ?? [...fitting.slice(0, 1), ...demographics.filter((t) => t !== fitting[0])];
  return (
    <div className="modal-backdrop">
      <div className="modal new-view-dialog" role="dialog" aria-modal="true" aria-labelledby="new-view-title" data-testid="new-view-dialog">
        <header className="modal-header">
          <h2 id="new-view-title">New benchmark view</h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close">×</button>
        </header>
        <div className="new-view-body">
          <fieldset className="plain-fieldset">
            <legend className="field-label">View</legend>
            {VIEW_TEMPLATES.map((t) => (
              <label key={t.id} className="template-choice">
                <input type="radio" name="template" value={t.id} checked={t.id === templateId} onChange={() => { setTemplateId(t.id); setChosen(null); }} data-testid={`template-${t.id}`} />
                <span><strong>{t.title}</strong><br /><span className="muted">{t.description}</span></span>
              </label>
            ))}
          </fieldset>
          <fieldset className="plain-fieldset">
            <legend className="field-label">Tables</legend>
            {datasets.length === 0 && <p className="muted">Open some data first.</p>}
            {datasets.map((d) => (
              <label key={d.table} className="check">
                <input type="checkbox" checked={tables.includes(d.table)} onChange={(e) => setChosen(e.target.checked ? [...tables, d.table] : tables.filter((t) => t !== d.table))} />
                {d.table}{fitting.includes(d.table) ? <span className="muted"> (fits)</span> : null}
              </label>
            ))}
          </fieldset>
        </div>
        <footer className="modal-footer">
          <span className="muted">Columns are matched to roles automatically; you can change them afterwards.</span>
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="button" className="primary" disabled={tables.length === 0} data-testid="create-view" onClick={() => { createView(templateId, tables); onClose(); }}>Create view</button>
        </footer>
      </div>
    </div>
  );
}
