/** Why a workbook file could not be opened. */
export type WorkbookErrorKind = 'empty' | 'truncated' | 'invalid-json' | 'not-a-workbook' | 'unknown-version' | 'newer-version' | 'schema';

export interface WorkbookIssue {
  /** Where, e.g. `charts[0].spec.type`; `workbook` for the whole file. */
  path: string;
  message: string;
}

/**
 * A workbook that cannot be opened, with a message that says which file, what
 * is wrong and where (line and column for JSON errors; the path of every
 * schema problem), written for the UI and the CLI's one-line errors.
 */
export class WorkbookError extends Error {
  override readonly name = 'WorkbookError';
  constructor(
    readonly kind: WorkbookErrorKind,
    readonly fileName: string,
    readonly problem: string,
    readonly details: { line?: number; column?: number; issues?: WorkbookIssue[]; version?: number; action?: 'open' | 'save' } = {},
  ) {
    super(`Cannot ${details.action ?? 'open'} ${fileName}: ${problem}`);
  }

  get issues(): WorkbookIssue[] {
    return this.details.issues ?? [];
  }
}

/** `['charts', 0, 'spec']` → `charts[0].spec`. */
export function issuePathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out || 'workbook';
}

const SHOWN_ISSUES = 6;

/** `a: x; b: y; and 3 more problems`. */
export function describeIssues(issues: readonly WorkbookIssue[]): string {
  const shown = issues.slice(0, SHOWN_ISSUES).map((i) => `${i.path}: ${i.message}`);
  if (issues.length > SHOWN_ISSUES) shown.push(`and ${issues.length - SHOWN_ISSUES} more problem${issues.length - SHOWN_ISSUES === 1 ? '' : 's'}`);
  return shown.join('; ');
}
