import { useState, type DragEvent, type ReactNode } from 'react';
import { FIELD_MIME } from './FieldList';

/** A drop target for fields, with its contents and a hint when empty. */
export function ShelfBox({
  label,
  hint,
  onDropField,
  children,
  testId,
}: {
  label: string;
  hint: string;
  onDropField(name: string): void;
  children?: ReactNode;
  testId: string;
}) {
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const name = e.dataTransfer.getData(FIELD_MIME) || e.dataTransfer.getData('text/plain');
    if (name) onDropField(name);
  };
  return (
    <section
      className={`shelf${over ? ' over' : ''}`}
      aria-label={label}
      data-testid={testId}
      onDragOver={(e) => {
        if ([...e.dataTransfer.types].includes(FIELD_MIME)) {
          e.preventDefault();
          setOver(true);
        }
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <h3 className="shelf-label">{label}</h3>
      {children ?? <p className="shelf-hint">{hint}</p>}
    </section>
  );
}
