import type { DragEvent } from 'react';
import type { TableColumn } from '../../../src-shared/analysis/view-types';
import type { Shelf } from '../../../src-shared/charts/spec-edit';

export const FIELD_MIME = 'application/x-workbench-field';

const KIND_ICONS: Record<TableColumn['kind'], string> = { number: '#', string: 'Aa', date: 'Dt', boolean: 'Y/N', other: '?' };

/**
 * The table's fields. Drag one onto a shelf, or use its buttons (keyboard
 * users tab to them): X axis, Value, Colour, Filter.
 */
export function FieldList({ columns, onAdd }: { columns: TableColumn[]; onAdd(shelf: Shelf, column: TableColumn): void }) {
  const onDragStart = (e: DragEvent, column: TableColumn) => {
    e.dataTransfer.setData(FIELD_MIME, column.name);
    e.dataTransfer.setData('text/plain', column.name);
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <ul className="field-list" aria-label="Fields" data-testid="field-list">
      {columns.map((c) => (
        <li key={c.name} draggable onDragStart={(e) => onDragStart(e, c)} data-field={c.name}>
          <span className={`field-kind kind-${c.kind}`} aria-hidden="true">
            {KIND_ICONS[c.kind]}
          </span>
          <span className="field-name" title={`${c.name} (${c.sqlType})`}>
            {c.name}
          </span>
          <span className="field-actions">
            <button type="button" onClick={() => onAdd('x', c)} aria-label={`Use ${c.name} on the x axis`} title="X axis">
              X
            </button>
            <button type="button" onClick={() => onAdd('y', c)} aria-label={`Add ${c.name} as a value`} title="Value">
              Σ
            </button>
            <button type="button" onClick={() => onAdd('series', c)} aria-label={`Colour by ${c.name}`} title="Colour">
              ◐
            </button>
            <button type="button" onClick={() => onAdd('filter', c)} aria-label={`Filter by ${c.name}`} title="Filter">
              ⚲
            </button>
          </span>
        </li>
      ))}
    </ul>
  );
}
