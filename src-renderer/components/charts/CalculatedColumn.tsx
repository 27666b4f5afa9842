import { useMemo, useState } from 'react';
import type { TableColumn } from '../../../src-shared/analysis/view-types';
import { EXPRESSION_FUNCTIONS } from '../../../src-shared/expressions/compile';
import { checkCalculatedColumn } from '../../../src-shared/fields/field-settings';
import { useWorkbench } from '../../state/store';
import { ExpressionInput } from './ExpressionInput';

/** Starting points for the columns analysts add most, over the table's first number fields. */
function templates(numbers: readonly string[]): { label: string; name: string; expr: string }[] {
  const [a = 'A', b = 'B', c] = numbers;
  const add = [a, b, ...(c ? [c] : [])].map((n) => `coalesce([${n}], 0)`).join(' + ');
  return [
    { label: 'Add up columns (blanks as 0)', name: 'Total', expr: add },
    { label: 'Ratio A ÷ B', name: `${a} per ${b}`, expr: `[${a}] / [${b}]` },
    { label: 'Percentage A ÷ B × 100', name: `${a} as % of ${b}`, expr: `100 * [${a}] / [${b}]` },
    { label: 'Flag: A above a threshold', name: `${a} over 100`, expr: `if([${a}] > 100, 'Yes', 'No')` },
  ];
}

/**
 * Adds or changes a calculated column of a table: one value per row from an
 * expression (fields, numbers, arithmetic, if/coalesce/nullif/round/abs),
 * checked live against the table; the table gets the column, saved with the
 * workbook and made again whenever the table loads.
 */
export function CalculatedColumnForm({
  table,
  columns,
  initial,
  onDone,
}: {
  table: string;
  columns: readonly TableColumn[];
  initial?: { column: string; expr: string };
  onDone(): void;
}) {
  const save = useWorkbench((s) => s.saveCalculatedColumn);
  const [name, setName] = useState(initial?.column ?? '');
  const [expr, setExpr] = useState(initial?.expr ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const others = useMemo(() => columns.filter((c) => c.name !== initial?.column), [columns, initial]);
  const vocabulary = useMemo(() => ({ fields: others, functions: EXPRESSION_FUNCTIONS }), [others]);
  const check = useMemo(() => checkCalculatedColumn(expr, others), [expr, others]);
  const numbers = others.filter((c) => c.kind === 'number').map((c) => c.name);

  const submit = async () => {
    setBusy(true);
    const why = await save(table, name, expr, initial?.column);
    setBusy(false);
    if (why) setProblem(why);
    else onDone();
  };

  return (
    <div className="calc-form" role="group" aria-label="Calculated column" data-testid="calc-column-form">
      <label className="field">
        <span className="field-label">Column name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Total attendances" data-testid="calc-column-name" />
      </label>
      <ExpressionInput
        idBase="calc-column"
        templates={templates(numbers)}
        onTemplate={(t) => {
          setExpr(t.expr);
          if (!name) setName(t.name);
        }}
        label="Expression (one value per row)"
        example="e.g. coalesce([Type 1], 0) + coalesce([Type 2], 0)"
        expr={expr}
        onChange={setExpr}
        vocabulary={vocabulary}
        check={check}
        insertLabel="Insert a field"
        insertOptions={others.map((c) => ({ value: `[${c.name}]`, text: c.name }))}
      />
      {problem && (
        <p className="import-error-text" role="alert">
          {problem}
        </p>
      )}
      <div className="toolbar">
        <button
          type="button"
          className="primary"
          disabled={!check.ok || name.trim() === '' || busy}
          onClick={() => void submit()}
          data-testid="calc-column-save"
        >
          {initial ? 'Save column' : 'Add column'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}
