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
      throw new WorkbookError(
        'truncated',
        fileName,
        `the file is incomplete: it stops at line ${error.line}, column ${error.column} before the workbook ends (${error.message}). It may not have finished saving; open its recovery copy or a backup`,
        where,
      );
    }
    throw new WorkbookError('invalid-json', fileName, `it is not valid JSON: ${error.message} at line ${error.line}, column ${error.column}`, where);
  }
}

/** Deepest nesting a workbook needs is about a dozen levels; anything far deeper is hostile or broken. */
export const MAX_WORKBOOK_DEPTH = 64;

/** The path of the first value nested deeper than `limit`, or null. Iterative: no recursion for hostile input to exhaust. */
export function tooDeepAt(json: unknown, limit = MAX_WORKBOOK_DEPTH): string | null {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value: json, depth: 0, path: 'workbook' }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= limit) return path;
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, depth: depth + 1, path: `${path}[${i}]` }));
    else for (const [k, v] of Object.entries(value)) stack.push({ value: v, depth: depth + 1, path: `${path}.${k}` });
  }
  return null;
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
  const deep = tooDeepAt(json);
  if (deep !== null)
    throw new WorkbookError(
      'schema',
      fileName,
      `it is not a valid workbook: values are nested more than ${MAX_WORKBOOK_DEPTH} levels deep (at ${deep.slice(0, 200)})`,
      { issues: [], version: 0 },
    );
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
