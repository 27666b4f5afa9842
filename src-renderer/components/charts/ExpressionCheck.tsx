/** What an expression check found, as the editor shows it: "fits", or the mistake with its place marked in the text. */
export function ExpressionCheck({
  id,
  testId,
  expr,
  check,
  okText,
}: {
  id: string;
  testId: string;
  expr: string;
  check: { ok: true } | { ok: false; message: string; start: number; end: number };
  okText: string;
}) {
  return (
    <p id={id} className={check.ok ? 'muted' : 'import-error-text'} role="status" data-testid={testId}>
      {check.ok ? (
        okText
      ) : (
        <>
          {check.message}
          {expr.trim() !== '' && check.end > check.start && (
            <>
              {' — '}
              <code>
                {expr.slice(0, check.start)}
                <mark>{expr.slice(check.start, check.end)}</mark>
                {expr.slice(check.end)}
              </code>
            </>
          )}
        </>
      )}
    </p>
  );
}
