import { useEffect, useState } from 'react';
import type { ChartSpecInput } from '../../../src-shared/charts/chart-spec';
import type { JsonValue } from '../../../src-shared/format/plain-json';
import { useWorkbench } from '../../state/store';

type Filter = NonNullable<ChartSpecInput['filters']>[number];

function label(value: JsonValue): string {
  return value === null ? '(blank)' : String(value);
}

/** One filter: values to keep or drop, a number range, a date range, or a top-N limit. */
export function FilterEditor({ table, filter, onChange, onRemove }: { table: string; filter: Filter; onChange(f: Filter): void; onRemove(): void }) {
  const distinctValues = useWorkbench((s) => s.distinctValues);
  const [values, setValues] = useState<{ value: JsonValue; count: number }[] | null>(null);
  const field = 'field' in filter ? filter.field : null;

  useEffect(() => {
    if ((filter.kind === 'include' || filter.kind === 'exclude') && field) {
      let live = true;
      void distinctValues(table, field)
        .then((v) => live && setValues(v))
        .catch(() => live && setValues([]));
      return () => {
        live = false;
      };
    }
    return undefined;
  }, [filter.kind, field, table, distinctValues]);

  const heading = filter.kind === 'top' ? `Top ${filter.n}` : field;
  return (
    <fieldset className="filter-editor" data-testid="filter-editor">
      <legend>{heading}</legend>
      {(filter.kind === 'include' || filter.kind === 'exclude') && (
        <>
          <select
            aria-label={`Keep or drop values of ${field}`}
            value={filter.kind}
            onChange={(e) => onChange({ ...filter, kind: e.target.value as 'include' | 'exclude' })}
          >
            <option value="include">Keep only</option>
            <option value="exclude">Leave out</option>
          </select>
          <div className="filter-values" role="group" aria-label={`Values of ${field}`}>
            {values === null && <span className="muted">Loading values…</span>}
            {values?.map((v) => {
              const checked = filter.values.some((x) => x === v.value);
              return (
                <label key={label(v.value)} className="check">
                  <input
                    type="checkbox"
                    checked={checked}
                    onChange={() =>
                      onChange({
                        ...filter,
                        values: checked ? filter.values.filter((x) => x !== v.value) : [...filter.values, v.value as string | number | boolean | null],
                      })
                    }
                  />
                  {label(v.value)} <span className="muted">({v.count.toLocaleString('en-GB')})</span>
                </label>
              );
            })}
          </div>
          {filter.values.length === 0 && <span className="field-hint">Tick values to apply the filter.</span>}
        </>
      )}
      {filter.kind === 'range' && (
        <div className="filter-range">
          <input
            type="number"
            aria-label={`Lowest ${field}`}
            placeholder="from"
            value={filter.min ?? ''}
            onChange={(e) => onChange({ ...filter, min: e.target.value === '' ? undefined : Number(e.target.value) })}
          />
          <span>to</span>
          <input
            type="number"
            aria-label={`Highest ${field}`}
            placeholder="to"
            value={filter.max ?? ''}
            onChange={(e) => onChange({ ...filter, max: e.target.value === '' ? undefined : Number(e.target.value) })}
          />
        </div>
      )}
      {filter.kind === 'date_range' && (
        <div className="filter-range">
          <input
            type="date"
            aria-label={`From ${field}`}
            value={filter.from ?? ''}
            onChange={(e) => onChange({ ...filter, from: e.target.value || undefined })}
          />
          <span>to</span>
          <input type="date" aria-label={`To ${field}`} value={filter.to ?? ''} onChange={(e) => onChange({ ...filter, to: e.target.value || undefined })} />
        </div>
      )}
      {filter.kind === 'top' && (
        <div className="filter-range">
          <input
            type="number"
            min={1}
            aria-label="How many categories"
            value={filter.n}
            onChange={(e) => onChange({ ...filter, n: Math.max(1, Number(e.target.value) || 1) })}
          />
          <label className="check">
            <input type="checkbox" checked={filter.other ?? false} onChange={(e) => onChange({ ...filter, other: e.target.checked })} /> group the rest as Other
          </label>
        </div>
      )}
      <button type="button" className="link-button" onClick={onRemove}>
        Remove filter
      </button>
    </fieldset>
  );
}
