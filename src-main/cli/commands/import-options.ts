import type { ImportOptions } from '../../../src-shared/import/types';
import { single, type ParsedArgs } from '../args';

/** Import overrides accepted by every command that reads files. */
export function importOptionsFromArgs(args: ParsedArgs): ImportOptions {
  const opts: ImportOptions = {};
  const sheet = single(args, 'sheet');
  if (sheet !== undefined) opts.sheet = sheet;
  const delimiter = single(args, 'delimiter');
  if (delimiter !== undefined) opts.delimiter = delimiter === '\\t' || delimiter === 'tab' ? '\t' : delimiter;
  return opts;
}
