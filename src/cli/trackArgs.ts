// `cantor generate --tracks` (and each line of --lineups): the tracks to compose, comma-separated, each an
// INST value with optional header bins after colons, e.g.
//   DRUMS:density=5,33:density=3:poly=1:dur=2
// density is the DENSITY bin, poly the POLYPHONY bin, dur the DURATION (note length) bin; a bin left out is the
// model's choice. Every problem is one line that names the track and says what would work.
import type { ModelConfig } from '../model/modelConfig';
import type { TrackControls, TrackSpec } from '../model/protocol';
import { CliError } from './args';

type BinKey = keyof TrackControls;

/** The names a bin may be given by. */
const NAMES: Record<string, BinKey> = {
  density: 'density',
  poly: 'polyphony',
  polyphony: 'polyphony',
  dur: 'duration',
  duration: 'duration',
};
const TOKEN: Record<BinKey, string> = { density: 'DENSITY', polyphony: 'POLYPHONY', duration: 'DURATION' };
const EDGES = { density: 'densityEdges', polyphony: 'polyphonyEdges', duration: 'durationEdges' } as const;

const EXAMPLE = 'e.g. --tracks DRUMS:density=5,33:density=3:poly=1:dur=2';

/** The header tokens a model's tracks have, for messages: "DENSITY, POLYPHONY, DURATION" or "DENSITY only". */
function headerList(c: ModelConfig): string {
  const has = (Object.keys(TOKEN) as BinKey[]).filter((k) => c.encoding.edges[EDGES[k]]).map((k) => TOKEN[k]);
  return has.length === 0 ? 'none' : has.length === 1 ? `${has[0]} only` : has.join(', ');
}

/** One track: `INST[:name=bin]…`. */
function parseTrack(text: string, index: number, c: ModelConfig): TrackSpec {
  const [instText, ...bins] = text.split(':').map((s) => s.trim());
  const where = `--tracks: track ${index + 1} ("${text.trim()}")`;
  const inst = instText.startsWith('INST=') ? instText.slice(5) : instText;
  if (!inst) throw new CliError(`${where} names no instrument: give INST[:density=N][:poly=N][:dur=N], ${EXAMPLE}`);
  if (!c.instruments.includes(inst))
    throw new CliError(
      `${where}: the model ${c.name} has no instrument ${inst} (it knows: ${c.instruments.join(', ')})`,
    );
  const spec: TrackSpec = { inst };
  for (const bin of bins) {
    const eq = bin.indexOf('=');
    const name = eq < 0 ? bin : bin.slice(0, eq).trim().toLowerCase();
    const key = NAMES[name];
    if (!key) throw new CliError(`${where}: "${bin}" is not a bin; give density=N, poly=N or dur=N, ${EXAMPLE}`);
    if (eq < 0) throw new CliError(`${where}: ${name} needs a value, e.g. ${name}=1`);
    const edges = c.encoding.edges[EDGES[key]];
    if (!edges)
      throw new CliError(
        `${where}: the model ${c.name} has no ${TOKEN[key]} control (its track headers have ${headerList(c)})`,
      );
    const valueText = bin.slice(eq + 1).trim();
    const value = Number(valueText);
    if (valueText === '' || !Number.isInteger(value) || value < 0 || value > edges.length)
      throw new CliError(
        `${where}: ${name} must be a bin 0..${edges.length} for the model ${c.name}, got "${valueText}"`,
      );
    if (spec[key] !== undefined) throw new CliError(`${where}: ${TOKEN[key]} is given twice`);
    spec[key] = value;
  }
  return spec;
}

/** The tracks of a --tracks value (or a --lineups line), checked against the model. */
export function parseTrackArgs(text: string, c: ModelConfig): TrackSpec[] {
  if (text.trim() === '') throw new CliError(`--tracks: give at least one instrument, ${EXAMPLE}`);
  return text.split(',').map((t, i) => parseTrack(t, i, c));
}
