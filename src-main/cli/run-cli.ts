import { parseArgs, UsageError, type ParsedArgs } from './args';
import { PROFILE_USAGE, runProfile } from './commands/profile';
import { QUERY_USAGE, runQuery } from './commands/query';
import { runViewWith, VIEW_USAGE } from './commands/view';
import { CHART_USAGE, CHART_VALUE_OPTIONS, runChart } from './commands/chart';
import { RENDER_USAGE, RENDER_VALUE_OPTIONS, runRender } from './commands/render';
import { PIVOT_USAGE, PIVOT_VALUE_OPTIONS, runPivot } from './commands/pivot';
import { VIEW_TEMPLATES } from '../../src-shared/analysis/registry';

/**
 * The headless CLI: `npm run -s cli -- <command> …`. Each command is a small
 * module over the same src-shared code the app runs.
 */
// Every option that takes a value: the general ones, then each command's own (chart, render).
const VALUE_OPTIONS = new Set([
  'engine',
  'sql',
  'sheet',
  'delimiter',
  'data',
  'map',
  'param',
  ...CHART_VALUE_OPTIONS,
  ...RENDER_VALUE_OPTIONS,
  ...PIVOT_VALUE_OPTIONS,
]);
const MULTI_VALUE_OPTIONS = new Set(['data']);

const USAGE = [
  'Usage: npm run -s cli -- <command>',
  '',
  `  ${QUERY_USAGE}`,
  `  ${PROFILE_USAGE}`,
  `  ${VIEW_USAGE}`,
  `  ${CHART_USAGE}`,
  `  ${RENDER_USAGE}`,
  `  ${PIVOT_USAGE}`,
  '',
  'Every command runs on native DuckDB; add --engine wasm to use DuckDB-Wasm, --verbose to name the engine,',
  'and --debug for a stack trace on failure.',
].join('\n');

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export type Command = (args: ParsedArgs, io: CliIo) => Promise<void>;

const COMMANDS: Record<string, Command> = {
  query: runQuery,
  profile: runProfile,
  view: (args, io) => runViewWith(VIEW_TEMPLATES, args, io),
  chart: runChart,
  render: runRender,
  pivot: runPivot,
};

/** Run one CLI invocation; returns the exit code (0 ok, 1 failure, 2 usage). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const args = parseArgs(argv, VALUE_OPTIONS, MULTI_VALUE_OPTIONS);
    if (!args.command || args.flags.has('help') || args.command === 'help') {
      io.out(USAGE);
      return args.command ? 0 : 2;
    }
    const command = COMMANDS[args.command];
    if (!command) throw new UsageError(`Unknown command "${args.command}"`);
    await command(args, io);
    return 0;
  } catch (error) {
    const err = error as Error;
    const message = (err.message || String(err)).split('\n')[0];
    io.err(`error: ${message}`);
    if (err instanceof UsageError) io.err(USAGE);
    if (debug && err.stack) io.err(err.stack);
    return err instanceof UsageError ? 2 : 1;
  }
}
