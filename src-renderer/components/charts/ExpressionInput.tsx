import { useRef } from 'react';
import { ExpressionCheck } from './ExpressionCheck';
import { ExpressionEditor, type ExpressionEditorHandle, type ExpressionVocabulary } from './ExpressionEditor';

/**
 * The expression part of a calculated-field form: templates to start from, the editor (with
 * completion), a list that inserts a field or measure at the cursor, and the live check with the
 * mistake's place.
 */
export function ExpressionInput({
  idBase,
  label,
  example,
  expr,
  onChange,
  vocabulary,
  check,
  insertLabel,
  insertOptions,
  templates,
  onTemplate,
}: {
  /** `calc` gives the test ids `calc-expr`, `calc-insert`, `calc-check`. */
  idBase: string;
  label: string;
  example: string;
  expr: string;
  onChange(text: string): void;
  vocabulary: ExpressionVocabulary;
  check: { ok: true } | { ok: false; message: string; start: number; end: number };
  insertLabel: string;
  insertOptions: readonly { value: string; text: string }[];
  /** Starting points: choosing one puts its expression in (and its name, through `onTemplate`). */
  templates: readonly { label: string; name: string; expr: string }[];
  onTemplate(template: { name: string; expr: string }): void;
}) {
  const box = useRef<ExpressionEditorHandle>(null);
  return (
    <>
      <label className="field">
        <span className="field-label">Start from</span>
        <select
          value=""
          onChange={(e) => {
            const t = templates[Number(e.target.value)];
            if (t) onTemplate(t);
          }}
          data-testid={`${idBase}-template`}
        >
          <option value="">A template…</option>
          {templates.map((t, i) => (
            <option key={t.label} value={i}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <div className="field">
        <span className="field-label">{label}</span>
        <ExpressionEditor
          ref={box}
          value={expr}
          onChange={onChange}
          vocabulary={vocabulary}
          example={example}
          label={label}
          testId={`${idBase}-expr`}
          invalid={!check.ok && expr.trim() !== ''}
          describedBy={`${idBase}-check`}
        />
      </div>
      <label className="field">
        <span className="field-label">{insertLabel}</span>
        <select value="" onChange={(e) => e.target.value && box.current?.insert(e.target.value)} data-testid={`${idBase}-insert`}>
          <option value="">Choose…</option>
          {insertOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.text}
            </option>
          ))}
        </select>
      </label>
      <ExpressionCheck id={`${idBase}-check`} testId={`${idBase}-check`} expr={expr} check={check} okText="Fits the table. Division by zero gives a blank." />
    </>
  );
}
