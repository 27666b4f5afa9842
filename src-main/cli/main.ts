import { parseArgs, UsageError } from './args';
import { PROFILE_USAGE, runProfile } from './commands/profile';
import { QUERY_USAGE, runQuery } from './commands/query';

/**
 * The headless CLI: `npm run -s cli -- <command> …`. Each command is a small
 * module over the same src-shared code the app runs.
 */
const VALUE_OPTIONS = new Set(['sql', 'sheet', 'delimiter', 'data', 'map', 'param', 'out']);
const MULTI_VALUE_OPTIONS = new Set(['data']);

const USAGE = ['Usage: npm run -s cli -- <command>', '', `  ${QUERY_USAGE}`, `  ${PROFILE_USAGE}`, '', 'Add --debug to any command for a stack trace on failure.'].join('\n');

const COMMANDS: Record<string, (args: ReturnType<typeof parseArgs>, out: (text: string) => void) => Promise<void>> = {
  query: runQuery,
  profile: runProfile,
};

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const out = (text: string) => process.stdout.write(`${text}\n`);
  try {
    const args = parseArgs(argv, VALUE_OPTIONS, MULTI_VALUE_OPTIONS);
    if (!args.command || args.flags.has('help') || args.command === 'help') {
      out(USAGE);
      return args.command ? 0 : 2;
    }
    const command = COMMANDS[args.command];
    if (!command) throw new UsageError(`Unknown command "${args.command}"`);
    await command(args, out);
    return 0;
  } catch (error) {
    const err = error as Error;
    const message = (err.message || String(err)).split('\n')[0];
    process.stderr.write(`error: ${message}\n`);
    if (err instanceof UsageError) process.stderr.write(`${USAGE}\n`);
    if (debug && err.stack) process.stderr.write(`${err.stack}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 1;
  },
);
