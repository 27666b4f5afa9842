import { useEffect, useState } from 'react';
import { tableWithColumn } from '../../../src-shared/analysis/mapping';
import type { ParamField } from '../../../src-shared/analysis/params/define';
import { formatParamLines, paramText, parseParamLines } from '../../../src-shared/analysis/params/lines';
import { readBoolean } from '../../../src-shared/analysis/params/values';
import { viewTemplate } from '../../../src-shared/analysis/registry';
import type { ResultChart, ViewResult } from '../../../src-shared/analysis/view-types';
import { useWorkbench } from '../../state/store';
import { Headline } from './Headline';
import { ResultChartView } from './ResultChartView';
import { ResultTableView } from './ResultTableView';

/** A text box that applies its value when you press Enter or leave it, not on every keystroke. */
function CommitInput({
  value,
  onCommit,
  ...rest
}: { value: string; onCommit(v: string): void } & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  const [draft, setDraft] = useState(value);
  // A new value from outside replaces the draft (adjusted while rendering, not in an effect).
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  return (
    <input
      {...rest}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => draft !== value && onCommit(draft)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && draft !== value) onCommit(draft);
      }}
    />
  );
}

/** Whether a boolean parameter's text is on; the default when it is empty or not readable. */
function isOn(value: string, field: ParamField): boolean {
  try {
    return readBoolean(value === '' ? (field.defaultValue ?? 'false') : value);
  } catch {
    return field.defaultValue === 'true';
  }
}

function ParamInput({ field, value, options, onChange }: { field: ParamField; value: string; options: string[] | null; onChange(v: string): void }) {
  const id = `param-${field.key}`;
  if (field.kind === 'choice') {
    const fallback = field.choices?.find(([v]) => v === field.defaultValue)?.[1];
    return (
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={id}>
        <option value="">{fallback ? `Default (${fallback})` : 'Default'}</option>
        {(field.choices ?? []).map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    );
  }
  if (field.kind === 'boolean') {
    // Back to empty (the default) when ticked as the default is; else the value itself.
    return (
      <input
        id={id}
        type="checkbox"
        checked={isOn(value, field)}
        onChange={(e) => onChange(String(e.target.checked) === field.defaultValue ? '' : String(e.target.checked))}
        data-testid={id}
      />
    );
  }
  if (options && options.length > 0 && options.length <= 300) {
    return (
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={id}>
        <option value="">{field.required ? 'Choose…' : (field.placeholder ?? 'All')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  }
  return (
    <CommitInput
      id={id}
      type={field.kind === 'number' ? 'number' : 'text'}
      step="any"
      value={value}
      placeholder={field.placeholder}
      onCommit={onChange}
      data-testid={id}
    />
  );
}

/**
 * A view's charts and tables. A view with a summary table whose rows each
 * open a chart (an SPC summary of many measures) shows that table first and
 * one chart at a time — the one its row opened — rather than a long column of charts.
 */
function ViewResultBody({ result, viewId }: { result: ViewResult; viewId: string }) {
  const summary = result.tables.find((t) => t.rowChartKey !== undefined);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const chartTable = (c: ResultChart) => result.tables.find((t) => t.id === c.tableId);
  if (!summary || result.charts.length < 2) {
    return (
      <>
        {result.charts.map((c) => (
          <ResultChartView key={c.id} chart={c} table={chartTable(c)} viewId={viewId} />
        ))}
        {result.tables.map((t) => (
          <ResultTableView key={t.id} table={t} viewId={viewId} />
        ))}
      </>
    );
  }
  const shown = result.charts.find((c) => c.id === picked) ?? result.charts[0]!;
  return (
    <>
      <ResultTableView table={summary} viewId={viewId} onOpenChart={setPicked} openChart={shown.id} />
      <label className="inline-field">
        Chart
        <select value={shown.id} onChange={(e) => setPicked(e.target.value)} data-testid="view-chart-picker">
          {result.charts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </label>
      <ResultChartView key={shown.id} chart={shown} table={chartTable(shown)} viewId={viewId} />
      {result.tables
        .filter((t) => t !== summary)
        .map((t) => (
          <ResultTableView key={t.id} table={t} viewId={viewId} />
        ))}
    </>
  );
}

/** A view's name, edited in place: Enter or leaving the box renames it; a name another view has is refused with why. */
function ViewName({ id }: { id: string }) {
  const name = useWorkbench((s) => (s.views.some((v) => v.id === id) ? s.viewName(id) : ''));
  const rename = useWorkbench((s) => s.renameView);
  const [text, setText] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const commit = () => {
    if (text === null || text === name) return setText(null);
    const why = rename(id, text);
    setProblem(why);
    if (why === null) setText(null);
  };
  return (
    <>
      <input
        className="view-name"
        value={text ?? name}
        aria-label="Name of this view"
        aria-invalid={problem !== null}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setText(null);
            setProblem(null);
          }
        }}
        data-testid="view-name"
      />
      {problem && (
        <span className="import-error-text view-name-problem" role="alert">
          {problem}
        </span>
      )}
    </>
  );
}

/** A benchmark view: its tables, column roles and parameters, then its charts and tables. */
export function ViewEditor({ id }: { id: string }) {
  const doc = useWorkbench((s) => s.views.find((v) => v.id === id));
  const state = useWorkbench((s) => s.viewResults[id]);
  const datasets = useWorkbench((s) => s.datasets);
  const update = useWorkbench((s) => s.updateView);
  const remove = useWorkbench((s) => s.deleteView);
  const tableInfos = useWorkbench((s) => s.tableInfos);
  const distinctValues = useWorkbench((s) => s.distinctValues);
  const [options, setOptions] = useState<Record<string, string[]>>({});

  const spec = doc?.spec;
  const template = spec ? viewTemplate(spec.template) : undefined;
  const infos = spec ? tableInfos(spec.tables) : [];
  const fields = template?.params.fields ?? [];

  useEffect(() => {
    if (!spec) return;
    let live = true;
    for (const f of fields) {
      const column = f.valuesOfRole ? spec.mapping[f.valuesOfRole] : undefined;
      const info = column ? tableWithColumn(infos, column) : null;
      if (!column || !info) continue;
      void distinctValues(info.table, column).then((values) => {
        if (live)
          setOptions((o) => ({
            ...o,
            [f.key]: values
              .map((v) => String(v.value))
              .filter((v) => v !== 'null')
              .sort(),
          }));
      });
    }
    return () => {
      live = false;
    };
  }, [spec?.mapping, spec?.tables.join(',')]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!doc || !spec || !template) return null;
  const knownKeys = new Set(fields.map((f) => f.key));
  const extraLines = formatParamLines(Object.fromEntries(Object.entries(spec.params).filter(([k]) => !knownKeys.has(k))));
  const setParam = (key: string, value: string) => {
    const params = { ...spec.params };
    if (value === '') delete params[key];
    else params[key] = value;
    update(id, { params });
  };
  const allColumns = infos.flatMap((t) => t.columns.map((c) => ({ ...c, table: t.table })));
  const result = state?.status === 'ready' ? state.result : null;
  const headline = result ? (template.headline?.(result) ?? null) : null;

  return (
    <section className="view-editor" aria-labelledby="view-heading" data-testid="view-editor">
      <header className="editor-header">
        <h2 id="view-heading">
          <ViewName id={id} />
        </h2>
        <div className="toolbar">
          <button type="button" onClick={() => remove(id)}>
            Delete
          </button>
        </div>
      </header>
      <div className="view-body">
        <aside className="editor-settings view-settings">
          <fieldset className="plain-fieldset">
            <legend className="field-label">Tables</legend>
            {datasets.map((d) => (
              <label key={d.table} className="check">
                <input
                  type="checkbox"
                  checked={spec.tables.includes(d.table)}
                  onChange={(e) => update(id, { tables: e.target.checked ? [...spec.tables, d.table] : spec.tables.filter((t) => t !== d.table) })}
                />
                {d.table}
              </label>
            ))}
          </fieldset>
          <details open={state?.status === 'error'}>
            <summary className="field-label">Columns for each role</summary>
            {template.roles.map((r) => (
              <label className="field" key={r.role} title={r.description}>
                <span className="field-label">
                  {r.label}
                  {r.required ? ' *' : ''}
                </span>
                <select
                  value={spec.mapping[r.role] ?? ''}
                  data-testid={`role-${r.role}`}
                  onChange={(e) => {
                    const mapping = { ...spec.mapping };
                    if (e.target.value) mapping[r.role] = e.target.value;
                    else delete mapping[r.role];
                    update(id, { mapping });
                  }}
                >
                  <option value="">(none)</option>
                  {allColumns.map((c) => (
                    <option key={`${c.table}.${c.name}`} value={c.name}>
                      {c.name} · {c.table}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </details>
          <h3 className="panel-title">Settings</h3>
          {fields.map((f) => (
            <label className="field" key={f.key} htmlFor={`param-${f.key}`}>
              <span className="field-label">
                {f.label}
                {f.required ? ' *' : ''}
              </span>
              <ParamInput field={f} value={paramText(spec.params[f.key])} options={options[f.key] ?? null} onChange={(v) => setParam(f.key, v)} />
              {f.help && <span className="field-hint">{f.help}</span>}
            </label>
          ))}
          <label className="field">
            <span className="field-label">Other settings (key=value lines)</span>
            <textarea
              rows={3}
              defaultValue={extraLines}
              key={extraLines}
              placeholder={template.params.examples.join('\n')}
              onBlur={(e) => {
                const { params: extra, problems } = parseParamLines(e.target.value);
                if (problems.length) return;
                const kept = Object.fromEntries(Object.entries(spec.params).filter(([k]) => knownKeys.has(k)));
                update(id, { params: { ...kept, ...extra } });
              }}
            />
          </label>
        </aside>
        <div className="view-results" aria-busy={state?.status === 'running'}>
          {state?.status === 'running' && (
            <p className="muted" role="status">
              Calculating…
            </p>
          )}
          {state?.status === 'error' && (
            <p className="import-error-text" role="alert" data-testid="view-error">
              {state.message}
            </p>
          )}
          {result && (
            <>
              {headline && <Headline headline={headline} />}
              {result.warnings.length > 0 && (
                <details className="warnings">
                  <summary>
                    {result.warnings.length} note{result.warnings.length === 1 ? '' : 's'}
                  </summary>
                  <ul>
                    {result.warnings.map((w) => (
                      <li key={w}>{w}</li>
                    ))}
                  </ul>
                </details>
              )}
              <ViewResultBody result={result} viewId={id} />
            </>
          )}
        </div>
      </div>
    </section>
  );
}
