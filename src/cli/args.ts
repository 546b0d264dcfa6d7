// A small argv parser: `--key value`, `--key=value`, `-o value`, and positionals.
export class CliError extends Error {
  override name = 'CliError';
}

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: readonly string[], booleanFlags: readonly string[] = []): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-o') {
      flags.set('o', need(argv, ++i, a));
    } else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (eq > 0) flags.set(key, a.slice(eq + 1));
      else if (booleanFlags.includes(key)) flags.set(key, true);
      else flags.set(key, need(argv, ++i, a));
    } else positionals.push(a);
  }
  return { positionals, flags };
}

function need(argv: readonly string[], i: number, flag: string): string {
  if (i >= argv.length) throw new CliError(`${flag} needs a value`);
  return argv[i];
}

export function str(args: ParsedArgs, key: string, fallback?: string): string | undefined {
  const v = args.flags.get(key);
  if (v === true) throw new CliError(`--${key} needs a value`);
  return v ?? fallback;
}

export function int(args: ParsedArgs, key: string, fallback: number, min = -Infinity, max = Infinity): number {
  const v = str(args, key);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new CliError(`--${key} must be an integer in ${min}..${max}, got "${v}"`);
  return n;
}

export function num(args: ParsedArgs, key: string, fallback: number): number {
  const v = str(args, key);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new CliError(`--${key} must be a number, got "${v}"`);
  return n;
}

export function rejectUnknown(args: ParsedArgs, known: readonly string[]): void {
  for (const k of args.flags.keys()) if (!known.includes(k)) throw new CliError(`unknown option --${k}`);
}
