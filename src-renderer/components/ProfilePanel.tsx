import { useEffect } from 'react';
import type { ColumnProfile, HistogramBin } from '../../src-shared/import/profile';
import { MISSING_KIND_LABELS } from '../../src-shared/import/missing-values';
import { COLUMN_TYPE_LABELS, type ColumnType } from '../../src-shared/import/types';
import type { JsonValue } from '../../src-shared/format/plain-json';
import { useWorkbench } from '../state/store';

/** The profile's counts, in column order: missing values by the kind the statistical publications name. */
const COUNTS: { stat: 'nonNull' | 'nulls' | 'suppressed' | 'notAvailable' | 'notApplicable' | 'distinct'; label: string; title?: string }[] = [
  { stat: 'nonNull', label: 'Values' },
  { stat: 'nulls', label: 'Empty' },
  { stat: 'suppressed', label: MISSING_KIND_LABELS.suppressed, title: 'Cells marked as suppressed (*, [c]): withheld to protect confidentiality' },
  { stat: 'notAvailable', label: MISSING_KIND_LABELS.notAvailable, title: 'Cells marked as not available (.., [x], NA, n/a)' },
  { stat: 'notApplicable', label: MISSING_KIND_LABELS.notApplicable, title: 'Cells marked as not applicable or zero (-, [z])' },
  { stat: 'distinct', label: 'Distinct' },
];

function show(value: JsonValue): string {
  if (value === null) return '—';
  if (typeof value === 'number') return value.toLocaleString('en-GB', { maximumFractionDigits: 4 });
  return String(value);
}

function Histogram({ bins, label }: { bins: HistogramBin[]; label: string }) {
  if (bins.length === 0) return null;
  const max = Math.max(...bins.map((b) => b.count), 1);
  const w = 120;
  const h = 28;
  const bw = w / bins.length;
  return (
    <svg width={w} height={h} role="img" aria-label={`Histogram of ${label}`} className="histogram">
      {bins.map((b, i) => {
        const bh = Math.max(b.count > 0 ? 1 : 0, (b.count / max) * h);
        return (
          <rect key={i} x={i * bw + 0.5} y={h - bh} width={Math.max(1, bw - 1)} height={bh} fill="#005EB8">
            <title>{`${b.count.toLocaleString('en-GB')}`}</title>
          </rect>
        );
      })}
    </svg>
  );
}

function typeLabel(c: ColumnProfile): string {
  return COLUMN_TYPE_LABELS[c.type as ColumnType] ?? c.sqlType;
}

/** The column profile of a loaded table: counts, range, common values and distribution. */
export function ProfilePanel({ table }: { table: string }) {
  const state = useWorkbench((s) => s.profiles[table]);
  const load = useWorkbench((s) => s.loadProfile);
  useEffect(() => {
    void load(table);
  }, [table, load]);
  if (!state || state.status === 'loading')
    return (
      <p className="muted" role="status">
        Profiling columns…
      </p>
    );
  if (state.status === 'error')
    return (
      <p className="import-error-text" role="alert">
        Could not profile the table: {state.message}
      </p>
    );
  const { profile } = state;
  return (
    <div className="profile-wrap" data-testid="profile" tabIndex={0} role="region" aria-label={`Profile of ${table}`}>
      <table className="profile-table">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Type</th>
            {COUNTS.map((k) => (
              <th key={k.stat} scope="col" className="num" title={k.title}>
                {k.label}
              </th>
            ))}
            <th scope="col">Min</th>
            <th scope="col">Max</th>
            <th scope="col">Most common</th>
            <th scope="col">Distribution</th>
          </tr>
        </thead>
        <tbody>
          {profile.columns.map((c) => (
            <tr key={c.name} data-column={c.name}>
              <th scope="row">{c.name}</th>
              <td>{typeLabel(c)}</td>
              {COUNTS.map((k) => (
                <td key={k.stat} className="num" data-stat={k.stat}>
                  {c[k.stat].toLocaleString('en-GB')}
                </td>
              ))}
              <td data-stat="min">{show(c.min)}</td>
              <td data-stat="max">{show(c.max)}</td>
              <td className="top-values">
                {c.top
                  .slice(0, 3)
                  .map((t) => `${show(t.value)} (${t.count.toLocaleString('en-GB')})`)
                  .join(', ')}
              </td>
              <td>
                <Histogram bins={c.histogram} label={c.name} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
