import { headlineExact, headlineValue } from '../../../src-shared/analysis/headline';
import type { ViewHeadline } from '../../../src-shared/analysis/view-types';

/** A view's headline figure, as its template describes it: `label: value (exact) detail`, the same text as headlineText. */
export function Headline({ headline }: { headline: ViewHeadline }) {
  const shown = headlineValue(headline);
  const exact = headlineExact(headline);
  return (
    <p className="headline" data-testid={`headline-${headline.id}`}>
      {headline.label}: <strong title={exact !== shown ? `Exactly ${exact}` : undefined}>{shown}</strong>
      {exact !== shown ? <span className="muted"> ({exact})</span> : null}
      {headline.detail ? ` ${headline.detail}` : null}
    </p>
  );
}
