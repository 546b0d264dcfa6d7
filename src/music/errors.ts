// Typed errors: every failure a user can cause has a class and a message that says why.

export type MusicErrorCode =
  | 'empty-file'
  | 'not-midi'
  | 'corrupt-midi'
  | 'unsupported-midi'
  | 'too-large'
  | 'no-tracks'
  | 'no-notes'
  | 'no-4-4'
  | 'bad-tokens'
  | 'bad-argument';

export class MusicError extends Error {
  override name = 'MusicError';
  constructor(
    readonly code: MusicErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The file has no 4/4 section; `found` lists the meters it does have, e.g. ["3/4", "6/8"]. */
export class MeterError extends MusicError {
  override name = 'MeterError';
  constructor(readonly found: string[]) {
    super('no-4-4', `no 4/4 section: the file is in ${found.join(', ')}; only 4/4 can be encoded`);
  }
}

/**
 * A readable sentence for anything thrown. Libraries throw strings, errors with an empty message,
 * even undefined: `${(e as Error).message}` turned those into "undefined" in reports.
 */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message || e.name || e.constructor.name;
  if (typeof e === 'string') return e || 'an empty error';
  if (e === undefined || e === null) return `an error with no message (${String(e)})`;
  try {
    return JSON.stringify(e) ?? String(e);
  } catch {
    return `a thrown ${(e as object).constructor?.name ?? typeof e} that cannot be shown`;
  }
}
