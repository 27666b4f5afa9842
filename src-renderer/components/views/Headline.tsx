import { headlineValue } from '../../../src-shared/analysis/headline';
import type { ViewHeadline } from '../../../src-shared/analysis/view-types';

/** A view's headline figure, as its template describes it: `label: value detail` (the same text as headlineText). */
export function Headline({ headline }: { headline: ViewHeadline }) {
  return (
    <p className="headline" data-testid={`headline-${headline.id}`}>
      {headline.label}: <strong>{headlineValue(headline)}</strong>
      {headline.detail ? ` ${headline.detail}` : null}
    </p>
  );
}
