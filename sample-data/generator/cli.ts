/** Command-line arguments for the sample-data generator. */

export interface CliOptions {
  /** Output directory; undefined means the default for the mode. */
  out: string | undefined;
  /** Rows for the large activity variant; undefined means full generation. */
  rows: number | undefined;
  help: boolean;
}

export const USAGE = `Usage:
  npm run sample-data                          regenerate every committed file in sample-data/
  npm run sample-data -- --out DIR             write the same files into DIR instead
  npm run sample-data -- --rows N [--out DIR]  write only DIR/activity_N.csv (N data rows; default DIR bench/data)
`;

export function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { out: undefined, rows: undefined, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--out':
        options.out = value();
        break;
      case '--rows': {
        const text = value().replace(/_/g, '');
        if (!/^[1-9][0-9]*$/.test(text)) throw new Error(`--rows must be a positive whole number, got ${text}`);
        options.rows = Number(text);
        if (!Number.isSafeInteger(options.rows)) throw new Error('--rows is too large');
        break;
      }
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new Error(`Unknown argument ${arg}`);
    }
  }
  return options;
}
