import { parseWorkbookFile } from '../../../src-shared/workbook/parse-workbook';
import { useWorkbench } from '../../state/store';

/** After a crash: offer to restore the last recovery copy of unsaved work. */
export function RecoveryBanner() {
  const recoveries = useWorkbench((s) => s.recoveries);
  const restore = useWorkbench((s) => s.restoreRecovery);
  const discard = useWorkbench((s) => s.discardRecovery);
  const copy = recoveries[0];
  if (!copy) return null;
  let title = 'a workbook';
  try {
    title = `“${parseWorkbookFile(copy.text, 'recovery').workbook.title}”`;
  } catch {
    // A damaged copy can still be discarded.
  }
  return (
    <div className="recovery-banner" role="alert" data-testid="recovery-banner">
      <span>
        Unsaved changes to {title} from {new Date(copy.savedAt).toLocaleString('en-GB')} can be restored.
      </span>
      <button type="button" className="primary" onClick={() => void restore(copy)}>
        Restore
      </button>
      <button type="button" onClick={() => void discard(copy)}>
        Discard
      </button>
    </div>
  );
}
