import path from 'node:path';
import { describeSourceProblems, type SnapshotUse } from '../../../src-shared/workbook/load-sources';
import { VIEW_TEMPLATES } from '../../../src-shared/analysis/registry';
import { createSession, sessionReport, type PendingWorkbook } from '../../../src-shared/session';
import type { WorkbookRun } from '../../../src-shared/workbook/report-run';
import type { Workbook } from '../../../src-shared/workbook/workbook-schema';
import { findNewerExtracts, useNewerExtracts } from '../../workbook/newer-files';
import { writeWorkbookReport, type WrittenReport } from '../../workbook/render-workbook';
import { atomicWriteFile } from '../../atomic-write';
import { NODE_PACK_RENDERERS } from '../../workbook/pack-renderers';
import { PACK_FORMATS, preparePack, workbookDisclosure, workbookStem, writePack, type PackFormat } from '../../../src-shared/export/board-pack/export-pack';
import { disclosureNote } from '../../../src-shared/export/disclosure';
import { discloseRun } from '../../../src-shared/workbook/disclose-run';
import { disclosureFromArgs } from './chart';
import { readWorkbookFile } from '../../workbook/workbook-files';
import { decideWorkbookReads, diskWorkbookHandle } from '../../workbook/workbook-reads';
import { cliPlatform } from '../cli-platform';
import { single, UsageError, type ParsedArgs } from '../args';
import { cliDatabase, type DatabaseScope } from '../database';
import type { CliIo } from '../run-cli';

export const RENDER_USAGE =
  'render <file.workbook.json> --out <dir> [--format svg,pptx,pdf,html] [--disclosure nhs|none|threshold=N] [--orientation landscape|portrait] [--snapshot never|when-missing|always] [--latest] [--allow-path DIR]...';

/** Options of `render` that take a value. */
export const RENDER_VALUE_OPTIONS = ['out', 'snapshot', 'allow-path', 'format', 'disclosure', 'orientation'] as const;

/** What `--format` accepts: `svg` is the SVG and CSV files with index.html; the rest are board packs. */
export const RENDER_FORMATS = ['svg', ...PACK_FORMATS] as const;
type RenderFormat = (typeof RENDER_FORMATS)[number];

function renderFormats(args: ParsedArgs): RenderFormat[] {
  const text = single(args, 'format') ?? 'svg';
  const asked = text
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter((f) => f !== '');
  if (asked.includes('png')) throw new UsageError('--format png is not available headless yet (node has no rasteriser here); use svg, or pdf for print');
  const unknown = asked.filter((f) => !(RENDER_FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0 || asked.length === 0) throw new UsageError(`--format takes a comma list of ${RENDER_FORMATS.join(', ')}; got "${text}"`);
  return [...new Set(asked)] as RenderFormat[];
}

function orientationOf(args: ParsedArgs): 'landscape' | 'portrait' {
  const text = single(args, 'orientation') ?? 'landscape';
  if (text !== 'landscape' && text !== 'portrait') throw new UsageError(`--orientation must be landscape or portrait, got "${text}"`);
  return text;
}

const SNAPSHOT_USES: readonly SnapshotUse[] = ['never', 'when-missing', 'always'];

export interface RenderRun {
  workbook: Workbook;
  run: WorkbookRun;
  written: WrittenReport;
}

/**
 * `render`: refresh a saved workbook headlessly — load its sources (relative
 * to the workbook file) through the app's importer, check them against what
 * was saved, compute every chart and view, and write SVGs, CSVs and an
 * index.html report to --out. Fails with one line, before writing anything,
 * when a source file is missing or its columns changed in a way that breaks
 * the workbook; fails after writing when a chart or view could not be
 * computed (the report shows which).
 *
 * A workbook may come from someone else: it reads files inside its own
 * folder tree only, unless `--allow-path DIR` (repeatable) allows a folder
 * outside it. Anything else it names (an absolute path elsewhere, `..` out of
 * the folder, a network path) stops the command before any file is looked at.
 *
 * --snapshot: when to use the workbook's data snapshot (default when-missing).
 * --latest: read the newest file matching each source's name pattern.
 */
export async function runRenderWith(args: ParsedArgs, io: CliIo, withDatabase: DatabaseScope): Promise<RenderRun> {
  const file = args.positionals[0];
  if (file === undefined) throw new UsageError('render needs a workbook file (.workbook.json)');
  if (args.positionals.length > 1) throw new UsageError('render takes one workbook file');
  const out = single(args, 'out');
  if (out === undefined) throw new UsageError('render needs --out <dir> for the files it writes');
  const snapshotText = single(args, 'snapshot') ?? 'when-missing';
  if (!(SNAPSHOT_USES as readonly string[]).includes(snapshotText))
    throw new UsageError(`--snapshot must be one of ${SNAPSHOT_USES.join(', ')}, got "${snapshotText}"`);
  const snapshot = snapshotText as SnapshotUse;
  const formats = renderFormats(args);
  const orientation = orientationOf(args);
  const disclosureOverride = single(args, 'disclosure') === undefined ? undefined : disclosureFromArgs(args);

  const allowedFolders = args.options.get('allow-path') ?? [];

  const opened = await readWorkbookFile(file);
  let workbook = opened.workbook;
  await refuseReadsOutside(workbook, opened.file, allowedFolders);
  if (args.flags.has('latest')) {
    const newer = await findNewerExtracts(workbook, opened.file);
    for (const n of newer) io.err(`note: table "${n.table}" reads the newer extract ${n.newer}`);
    workbook = useNewerExtracts(workbook, newer);
    await refuseReadsOutside(workbook, opened.file, allowedFolders);
  }

  const handle = await diskWorkbookHandle(workbook, opened.file, allowedFolders);
  const run = await withDatabase(async ({ engine, importer }) => {
    const session = createSession({ engine, importer, platform: cliPlatform });
    await session.getState().openWorkbook(handle, { snapshot });
    const state = session.getState();
    if (state.pendingWorkbook) throw new Error(whyNotOpened(state.pendingWorkbook));
    for (const s of state.openedSources) {
      for (const w of s.warnings) io.err(`warning: ${s.table}: ${w}`);
      if (s.files.some((f) => f.state === 'changed')) io.err(`note: ${s.table}: the data changed since the workbook was saved (refreshed)`);
      if (s.diff && !s.diff.same) io.err(`note: ${s.table}: ${s.diff.summary}`);
    }
    await session.settled();
    return sessionReport(session.getState(), VIEW_TEMPLATES);
  });

  const generated = new Date();
  const sourceName = path.basename(opened.file);
  const rule = disclosureOverride ?? workbookDisclosure(workbook.report.disclosure);
  if (rule.kind !== 'none') io.err(`note: ${disclosureNote(rule)}`);
  let written: WrittenReport = { files: [], svgs: 0, csvs: 0 };
  if (formats.includes('svg')) {
    written = await writeWorkbookReport(out, workbook, discloseRun(workbook, run, rule), { sourceName, generated });
    io.out(`Wrote ${written.svgs} SVG${written.svgs === 1 ? '' : 's'}, ${written.csvs} CSV${written.csvs === 1 ? '' : 's'} and index.html to ${out}`);
  }
  const packFormats = formats.filter((f): f is PackFormat => f !== 'svg');
  if (packFormats.length > 0) {
    const pack = preparePack(workbook, run, { generated, disclosure: rule, sourceName });
    const stem = workbookStem(opened.file);
    for (const format of packFormats) {
      const name = `${stem}.${format}`;
      const bytes = await writePack(format, pack, NODE_PACK_RENDERERS, { orientation });
      await atomicWriteFile(path.join(out, name), bytes);
      written.files.push(name);
      io.out(`Wrote ${path.join(out, name)} (${pack.pages.length} item${pack.pages.length === 1 ? '' : 's'}, ${Math.ceil(bytes.length / 1024)} kB)`);
    }
  }
  if (run.errors.length > 0) {
    const more = run.errors.length > 1 ? ` (and ${run.errors.length - 1} more; see index.html)` : '';
    throw new Error(`${run.errors[0]!}${more}`);
  }
  return { workbook, run, written };
}

/** Stop, before any file is read, when the workbook names files outside its folder that --allow-path does not cover. */
async function refuseReadsOutside(workbook: Workbook, workbookFile: string, allowedFolders: readonly string[]): Promise<void> {
  const { refused } = await decideWorkbookReads(workbook, workbookFile, allowedFolders);
  if (refused.length === 0) return;
  const first = refused[0]!;
  const more =
    refused.length > 1
      ? ` (and ${refused.length - 1} more: ${refused
          .slice(1)
          .map((r) => r.absolute)
          .join(', ')})`
      : '';
  throw new Error(
    `Refused to read ${first.absolute} for table "${first.table}": ${first.reason}${more}. ` +
      `A workbook reads files inside its own folder only; if you trust it, run again with --allow-path ${path.dirname(first.absolute)}`,
  );
}

/** Why a workbook could not be opened without a person to ask: missing files, changed columns, or another failure. */
function whyNotOpened(pending: PendingWorkbook): string {
  if (pending.missing.length > 0) {
    const first = pending.missing[0]!;
    const more = pending.missing.length > 1 ? ` (and ${pending.missing.length - 1} more missing file${pending.missing.length === 2 ? '' : 's'})` : '';
    return `Source file not found: ${first.absolute} (table "${first.table}")${more}`;
  }
  if (pending.problems.length > 0) return describeSourceProblems(pending.problems);
  return pending.message ?? 'The workbook could not be opened';
}

export async function runRender(args: ParsedArgs, io: CliIo): Promise<void> {
  await runRenderWith(args, io, cliDatabase(args, io));
}
