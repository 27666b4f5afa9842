import { useEffect, useMemo, useState, type DragEvent } from 'react';
import type { TableColumn } from '../../../src-shared/analysis/view-types';
import type { Shelf } from '../../../src-shared/charts/spec-edit';
import { displayName, type FieldSetting } from '../../../src-shared/session';
import type { JsonValue } from '../../../src-shared/format/plain-json';
import { useWorkbench } from '../../state/store';
import { CalculatedColumnForm } from './CalculatedColumn';

export const FIELD_MIME = 'application/x-workbench-field';

const KIND_ICONS: Record<TableColumn['kind'], string> = { number: '#', string: 'Aa', date: 'Dt', boolean: 'Y/N', other: '?' };

const GROUPS: { id: string; title: string; of(c: TableColumn, s: FieldSetting | undefined): boolean }[] = [
  { id: 'calculated', title: 'Calculated', of: (_, s) => s?.expr !== undefined },
  { id: 'date', title: 'Dates', of: (c) => c.kind === 'date' },
  { id: 'category', title: 'Categories', of: (c) => c.kind === 'string' || c.kind === 'boolean' || c.kind === 'other' },
  { id: 'number', title: 'Numbers', of: (c) => c.kind === 'number' },
];

/** Where each button puts a field, in words (a pivot table has rows and columns rather than an axis and colours); the name read out contains the word shown. */
function shelfWords(pivot: boolean) {
  return [
    pivot
      ? { shelf: 'x' as const, word: 'Rows', tip: 'Use as the first row field', name: (f: string) => `Rows: use ${f} as the first row field` }
      : { shelf: 'x' as const, word: 'Axis', tip: 'Put on the x axis (categories)', name: (f: string) => `Use ${f} on the x axis` },
    ...(pivot
      ? [{ shelf: 'rows' as const, word: 'Sub-rows', tip: 'Add as a further row field', name: (f: string) => `Sub-rows: nest ${f} under the rows` }]
      : []),
    { shelf: 'y' as const, word: 'Value', tip: 'Add as a value (summed, or counted for text)', name: (f: string) => `Add ${f} as a value` },
    pivot
      ? { shelf: 'series' as const, word: 'Columns', tip: 'Use as the column field', name: (f: string) => `Columns: a column per value of ${f}` }
      : { shelf: 'series' as const, word: 'Colour', tip: 'Split into coloured series by its values', name: (f: string) => `Colour by ${f}` },
    { shelf: 'filter' as const, word: 'Filter', tip: 'Filter the chart by this field', name: (f: string) => `Filter by ${f}` },
  ];
}

/**
 * The table's fields, grouped by kind, with a search box: drag one onto a
 * shelf, or use its buttons (named in words, with tooltips; keyboard users
 * tab to a field and then to its buttons). Each field's settings give it a
 * display name, labels for its values, or hide it; calculated columns are
 * added and edited here.
 */
export function FieldList({
  table,
  columns,
  pivot = false,
  onAdd,
}: {
  table: string;
  columns: TableColumn[];
  pivot?: boolean;
  onAdd(shelf: Shelf, column: TableColumn): void;
}) {
  const allSettings = useWorkbench((s) => s.fieldSettings);
  const settings = useMemo(() => allSettings.filter((s) => s.table === table), [allSettings, table]);
  const setHidden = useWorkbench((s) => s.setFieldHidden);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [showHidden, setShowHidden] = useState(false);
  const [calc, setCalc] = useState<{ column?: string } | null>(null);
  const settingOf = (name: string) => settings.find((s) => s.column === name);
  const hidden = columns.filter((c) => settingOf(c.name)?.hidden);
  const words = shelfWords(pivot);

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return columns.filter((c) => {
      const s = settings.find((x) => x.column === c.name);
      if (s?.hidden && !showHidden && q === '') return false;
      return q === '' || c.name.toLowerCase().includes(q) || displayName(settings, c.name).toLowerCase().includes(q);
    });
  }, [columns, settings, query, showHidden]);

  const onDragStart = (e: DragEvent, column: TableColumn) => {
    e.dataTransfer.setData(FIELD_MIME, column.name);
    e.dataTransfer.setData('text/plain', column.name);
    e.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <div className="field-panel">
      <input
        type="search"
        className="field-search"
        placeholder={`Search ${columns.length} fields`}
        aria-label="Search fields"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="field-search"
      />
      <div data-testid="field-list">
        {GROUPS.map((g) => {
          const members = shown.filter(
            (c) => g.of(c, settingOf(c.name)) && !GROUPS.slice(0, GROUPS.indexOf(g)).some((earlier) => earlier.of(c, settingOf(c.name))),
          );
          if (members.length === 0) return null;
          return (
            <details key={g.id} className="field-group" open>
              <summary>
                {g.title} <span className="muted">({members.length})</span>
              </summary>
              <ul className="field-list" aria-label={`${g.title} fields`}>
                {members.map((c) => {
                  const setting = settingOf(c.name);
                  const name = displayName(settings, c.name);
                  return (
                    <li key={c.name} data-field={c.name} className={setting?.hidden ? 'is-hidden' : undefined}>
                      <div className="field-row" draggable tabIndex={0} onDragStart={(e) => onDragStart(e, c)} aria-label={`${name}, ${c.kind} field`}>
                        <span className={`field-kind kind-${c.kind}`} aria-hidden="true">
                          {KIND_ICONS[c.kind]}
                        </span>
                        <span className="field-name" title={name === c.name ? `${c.name} (${c.sqlType})` : `${name} — column ${c.name} (${c.sqlType})`}>
                          {name}
                        </span>
                      </div>
                      <span className="field-actions">
                        {words.map((w) => (
                          <button key={w.shelf} type="button" onClick={() => onAdd(w.shelf, c)} title={w.tip} aria-label={w.name(c.name)}>
                            {w.word}
                          </button>
                        ))}
                        <button
                          type="button"
                          onClick={() => setOpen(open === c.name ? null : c.name)}
                          aria-expanded={open === c.name}
                          title="Display name, value labels, hide"
                          aria-label={`Settings of ${name}`}
                          data-testid={`field-settings-${c.name}`}
                        >
                          Settings
                        </button>
                      </span>
                      {open === c.name && (
                        <FieldSettingsPanel
                          table={table}
                          column={c}
                          setting={setting}
                          onEditCalculated={() => {
                            setCalc({ column: c.name });
                            setOpen(null);
                          }}
                        />
                      )}
                    </li>
                  );
                })}
              </ul>
            </details>
          );
        })}
        {shown.length === 0 && <p className="muted">No field matches “{query}”.</p>}
      </div>
      {hidden.length > 0 && (
        <p className="muted field-hidden-note">
          {hidden.length} hidden field{hidden.length === 1 ? '' : 's'}.{' '}
          <button type="button" className="link-button" onClick={() => setShowHidden(!showHidden)} data-testid="toggle-hidden-fields">
            {showHidden ? 'Hide them' : 'Show them'}
          </button>
          {showHidden && (
            <>
              {' · '}
              <button type="button" className="link-button" onClick={() => hidden.forEach((c) => setHidden(table, c.name, false))}>
                Unhide all
              </button>
            </>
          )}
        </p>
      )}
      {calc ? (
        <CalculatedColumnForm
          table={table}
          columns={columns}
          initial={calc.column === undefined ? undefined : { column: calc.column, expr: settingOf(calc.column)?.expr ?? '' }}
          onDone={() => setCalc(null)}
        />
      ) : (
        <button type="button" onClick={() => setCalc({})} data-testid="add-calculated-column">
          Add calculated column…
        </button>
      )}
    </div>
  );
}

function valueText(value: JsonValue): string {
  return value === null ? '' : String(value);
}

/** One field's settings: its display name, labels for its values, hidden or not; a calculated column's expression. */
function FieldSettingsPanel({
  table,
  column,
  setting,
  onEditCalculated,
}: {
  table: string;
  column: TableColumn;
  setting: FieldSetting | undefined;
  onEditCalculated(): void;
}) {
  const setLabel = useWorkbench((s) => s.setFieldLabel);
  const setValueLabel = useWorkbench((s) => s.setValueLabel);
  const setHidden = useWorkbench((s) => s.setFieldHidden);
  const removeCalculated = useWorkbench((s) => s.removeCalculatedColumn);
  const distinctValues = useWorkbench((s) => s.distinctValues);
  const [label, setLabelText] = useState(setting?.label ?? '');
  const [values, setValues] = useState<{ value: JsonValue; count: number }[] | null>(null);
  const coded = column.kind !== 'date';

  useEffect(() => {
    if (!coded) return undefined;
    let live = true;
    void distinctValues(table, column.name)
      .then((v) => live && setValues(v.slice(0, 12)))
      .catch(() => live && setValues([]));
    return () => {
      live = false;
    };
  }, [coded, table, column.name, distinctValues]);

  return (
    <div className="field-settings" role="group" aria-label={`Settings of ${column.name}`} data-testid="field-settings">
      <label className="field">
        <span className="field-label">Display name (used on axes, legends and exports)</span>
        <input
          value={label}
          placeholder={displayName([], column.name)}
          onChange={(e) => setLabelText(e.target.value)}
          onBlur={() => setLabel(table, column.name, label)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') setLabel(table, column.name, label);
          }}
          data-testid="field-display-name"
        />
      </label>
      {coded && values && values.length > 0 && (
        <fieldset className="value-labels">
          <legend>Labels for values</legend>
          {values.map((v) => {
            const key = valueText(v.value);
            return (
              <label key={key} className="inline-field">
                <code>{v.value === null ? '(blank)' : key}</code>
                <input
                  defaultValue={setting?.values?.[key] ?? ''}
                  placeholder="as it is"
                  aria-label={`Label for ${v.value === null ? 'blank' : key}`}
                  onBlur={(e) => setValueLabel(table, column.name, key, e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') setValueLabel(table, column.name, key, (e.target as HTMLInputElement).value);
                  }}
                  data-testid={`value-label-${key}`}
                />
              </label>
            );
          })}
        </fieldset>
      )}
      <div className="field-settings-actions">
        <button type="button" onClick={() => setHidden(table, column.name, !setting?.hidden)} data-testid="field-hide">
          {setting?.hidden ? 'Show in the list' : 'Hide from the list'}
        </button>
        {setting?.expr !== undefined && (
          <>
            <button type="button" onClick={onEditCalculated}>
              Edit calculation
            </button>
            <button type="button" onClick={() => void removeCalculated(table, column.name)}>
              Remove column
            </button>
          </>
        )}
      </div>
    </div>
  );
}
