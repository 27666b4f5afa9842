import { useMemo, useState } from 'react';
import type { TableColumn } from '../../../src-shared/analysis/view-types';
import { calculatedMeasureId, checkCalculatedMeasure } from '../../../src-shared/charts/calculated-measure';
import type { MeasureInput } from '../../../src-shared/charts/chart-spec';
import { measureKey } from '../../../src-shared/charts/chart-fields';
import { EXPRESSION_AGGREGATES, EXPRESSION_FUNCTIONS, EXPRESSION_WINDOWS } from '../../../src-shared/expressions/compile';

const MEASURE_FUNCTIONS = [...new Set([...EXPRESSION_AGGREGATES, ...EXPRESSION_FUNCTIONS, ...EXPRESSION_WINDOWS])];
import { ExpressionInput } from './ExpressionInput';

/** Starting points for the calculations analysts write most, over the table's first two number fields. */
function templates(numbers: readonly string[]): { label: string; name: string; expr: string }[] {
  const [a = 'numerator', b = 'denominator'] = numbers;
  return [
    { label: 'Percentage of (A ÷ B × 100)', name: `${a} as % of ${b}`, expr: `100 * sum([${a}]) / sum([${b}])` },
    { label: 'Rate per 1,000 (population)', name: `${a} per 1,000`, expr: `1000 * sum([${a}]) / sum([${b}])` },
    { label: 'Rate per 100,000 (population)', name: `${a} per 100,000`, expr: `100000 * sum([${a}]) / sum([${b}])` },
    { label: 'Performance: 1 − A ÷ B, as % (e.g. 4-hour)', name: 'Performance (%)', expr: `100 * (1 - sum([${a}]) / sum([${b}]))` },
    { label: 'Average per row of A', name: `Average ${a}`, expr: `sum([${a}]) / count()` },
    { label: 'Change on the previous period (%)', name: `${a}: change (%)`, expr: `100 * (sum([${a}]) - previous(sum([${a}]))) / previous(sum([${a}]))` },
    { label: 'Share of the total (%)', name: `${a}: share of total (%)`, expr: `100 * sum([${a}]) / total(sum([${a}]))` },
  ];
}

/**
 * Writes or edits a calculated measure: a name, an expression with a live
 * check against the table (the mistake's place is marked), a field inserter
 * for names the keyboard would have to spell, and templates. Only a measure
 * that compiles can be added.
 */
export function CalculatedMeasureForm({
  columns,
  measures,
  initial,
  onSave,
  onCancel,
}: {
  columns: readonly TableColumn[];
  /** The chart's other measures, which the expression may refer to by id. */
  measures: readonly MeasureInput[];
  initial?: MeasureInput;
  onSave(measure: MeasureInput): void;
  onCancel(): void;
}) {
  const [name, setName] = useState(initial?.label ?? '');
  const [expr, setExpr] = useState(initial?.expr ?? '');
  const numbers = columns.filter((c) => c.kind === 'number').map((c) => c.name);
  const id = initial?.id ?? calculatedMeasureId(name);
  const taken = measures.some((m) => m !== initial && measureKey(m) === id);
  const vocabulary = useMemo(
    () => ({ fields: columns, functions: MEASURE_FUNCTIONS, measures: measures.filter((m) => m !== initial).map((m) => measureKey(m)) }),
    [columns, measures, initial],
  );
  const check = useMemo(
    () =>
      checkCalculatedMeasure(
        expr,
        id,
        measures.filter((m) => m !== initial),
        columns,
      ),
    [expr, id, measures, initial, columns],
  );

  return (
    <div className="calc-form" role="group" aria-label="Calculated measure" data-testid="calc-form">
      <label className="field">
        <span className="field-label">Name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Seen within 4 hours (%)" data-testid="calc-name" />
      </label>
      <ExpressionInput
        idBase="calc"
        templates={templates(numbers)}
        onTemplate={(t) => {
          setExpr(t.expr);
          if (!name) setName(t.name);
        }}
        label="Expression"
        example="e.g. 100 * (1 - sum([Breaches]) / sum([Attendances]))"
        expr={expr}
        onChange={setExpr}
        vocabulary={vocabulary}
        check={check}
        insertLabel="Insert a field or measure"
        insertOptions={[
          ...columns.map((c) => (c.kind === 'number' ? { value: `sum([${c.name}])`, text: `sum of ${c.name}` } : { value: `[${c.name}]`, text: c.name })),
          ...measures.filter((m) => m !== initial).map((m) => ({ value: measureKey(m), text: `measure ${measureKey(m)}` })),
        ]}
      />
      {taken && <p className="import-error-text">Another measure is already called “{id}”: choose another name.</p>}
      <p className="muted">
        Aggregates: sum, mean, min, max, count, countDistinct, median. Also if(condition, a, b), coalesce, nullif, round(x, decimals), abs, min(a, b), max(a,
        b); previous(measure) is its value at the x category before, total(measure) its total over the x axis. Fields with spaces go in [brackets].
      </p>
      <div className="toolbar">
        <button
          type="button"
          className="primary"
          disabled={!check.ok || taken || name.trim() === ''}
          onClick={() => onSave({ ...(initial ?? {}), id, expr: expr.trim(), label: name.trim() })}
          data-testid="calc-save"
        >
          {initial ? 'Save' : 'Add measure'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
