/** Command-line parsing shared by every CLI command. */

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ParsedArgs {
  command: string | undefined;
  positionals: string[];
  /** Repeatable options collect every value in order. */
  options: Map<string, string[]>;
  flags: Set<string>;
}

/**
 * Parse `cmd pos1 pos2 --opt value --opt2=value --flag`. Options listed in
 * `valueOptions` take a value; everything else starting with `--` is a flag.
 * Values of a multi-value option (`--data a.csv b.csv`) run until the next `--`.
 */
export function parseArgs(argv: string[], valueOptions: ReadonlySet<string>, multiValueOptions: ReadonlySet<string> = new Set()): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      if (!valueOptions.has(name)) {
        if (eq >= 0) throw new UsageError(`--${name} does not take a value`);
        flags.add(name);
        continue;
      }
      const values = options.get(name) ?? [];
      if (eq >= 0) values.push(arg.slice(eq + 1));
      else {
        const next = argv[i + 1];
        if (next === undefined || next.startsWith('--')) throw new UsageError(`--${name} needs a value`);
        values.push(next);
        i++;
        if (multiValueOptions.has(name)) {
          while (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) values.push(argv[++i]!);
        }
      }
      options.set(name, values);
    } else if (command === undefined) command = arg;
    else positionals.push(arg);
  }
  return { command, positionals, options, flags };
}

export function single(args: ParsedArgs, name: string): string | undefined {
  const values = args.options.get(name);
  if (!values || values.length === 0) return undefined;
  if (values.length > 1) throw new UsageError(`--${name} was given more than once`);
  return values[0];
}

/** `--param key=value` pairs as a map (later values win). */
export function keyValues(args: ParsedArgs, name: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of args.options.get(name) ?? []) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new UsageError(`--${name} expects key=value, got "${entry}"`);
    out.set(entry.slice(0, eq).trim(), entry.slice(eq + 1).trim());
  }
  return out;
}
