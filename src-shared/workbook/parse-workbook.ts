import { findJsonSyntaxError } from './json-syntax';
import { migrateWorkbookJson } from './migrate';
import { describeIssues, issuePathText, WorkbookError } from './workbook-error';
import { CURRENT_VERSION, workbookSchema, type Workbook } from './workbook-schema';

export interface ParsedWorkbook {
  workbook: Workbook;
  /** The version the file was written in (less than CURRENT_VERSION when it was migrated). */
  fromVersion: number;
}

function parseJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const error = findJsonSyntaxError(text);
    if (!error) throw new WorkbookError('invalid-json', fileName, 'it is not valid JSON');
    const where = { line: error.line, column: error.column };
    if (error.truncated) {
      throw new WorkbookError('truncated', fileName, `the file is incomplete: it stops at line ${error.line}, column ${error.column} before the workbook ends (${error.message}). It may not have finished saving; open its recovery copy or a backup`, where);
    }
    throw new WorkbookError('invalid-json', fileName, `it is not valid JSON: ${error.message} at line ${error.line}, column ${error.column}`, where);
  }
}

/**
 * Read a workbook from the text of a `.workbook.json` file: JSON, then the
 * version (older versions are migrated), then the schema. Throws a
 * WorkbookError naming the file and the problem: empty, cut short, invalid
 * JSON (with line and column), not a workbook, saved by a newer version, or
 * schema problems (each with its path).
 */
export function parseWorkbookFile(text: string, fileName: string): ParsedWorkbook {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new WorkbookError('empty', fileName, 'the file is empty. It may not have finished saving; open its recovery copy or a backup');
  const json = parseJson(body, fileName);
  const { json: current, fromVersion } = migrateWorkbookJson(json, fileName);
  const result = workbookSchema.safeParse(current);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: issuePathText(i.path), message: i.message }));
    const migrated = fromVersion < CURRENT_VERSION ? ` (after migrating it from version ${fromVersion})` : '';
    throw new WorkbookError('schema', fileName, `it is not a valid workbook${migrated}: ${describeIssues(issues)}`, { issues, version: fromVersion });
  }
  return { workbook: result.data, fromVersion };
}

/** `parseWorkbookFile` when only the workbook is wanted. */
export function parseWorkbook(text: string, fileName: string): Workbook {
  return parseWorkbookFile(text, fileName).workbook;
}

/** Validate a workbook object (e.g. one the UI built) against the current schema, throwing a WorkbookError. */
export function validateWorkbook(input: unknown, name = 'the workbook'): Workbook {
  const result = workbookSchema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: issuePathText(i.path), message: i.message }));
  throw new WorkbookError('schema', name, `it is not a valid workbook: ${describeIssues(issues)}`, { issues, action: 'save' });
}
