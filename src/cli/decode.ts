// `cantor decode <tokens.txt|-> -o out.mid`: token text (one piece a line) -> MIDI and/or JSON notes.
// Several lines become one MIDI file with the pieces one after another, tracks matched by INST. The JSON
// gives each track its header's requested bins and the bins its notes realise under the model's edges.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { headerEdges, realisedBins, type ControlBins, type HeaderConfig } from '../music/controls';
import { decodeTokens, type DecodeResult } from '../music/decode';
import { gridToScore } from '../music/encode';
import type { GridPiece, GridTrack } from '../music/grid';
import { writeMidi } from '../music/midi';
import { STEPS_PER_BAR } from '../music/vocab';
import { CliError, int, parseArgs, rejectUnknown, str } from './args';
import { readHeaderConfig, readTokenLines } from './inputs';

/** A decoded track with its header's requested bins and the bins its notes realise (the control-accuracy data). */
interface DecodedTrack extends GridTrack {
  controls: { requested: ControlBins; realised: ControlBins };
}

interface DecodedLine {
  line: number;
  bars: number;
  tracks: DecodedTrack[];
  unknownTokens: number;
  skippedTokens: number;
  closedNotes: number;
  /** With --strict: why the line does not decode strictly, or null. */
  strictError?: string | null;
}

export async function runDecode(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['strict']);
  rejectUnknown(args, ['o', 'bpm', 'json', 'strict', 'model', 'encoding']);
  const [input] = args.positionals;
  const out = str(args, 'o');
  const json = str(args, 'json');
  if (!input || (!out && !json))
    throw new CliError(
      'usage: decode <tokens.txt|-> -o out.mid [--bpm 120] [--json out.json] [--strict] [--model models/<name> | --encoding encoding.json]',
    );
  const model = str(args, 'model');
  const encodingFile = str(args, 'encoding');
  if (model && encodingFile) throw new CliError('decode takes --model or --encoding, not both');
  // The edges that realised bins are measured with (none: every realised bin is null).
  const header: HeaderConfig = model
    ? readHeaderConfig(join(model, 'config.json'))
    : encodingFile
      ? readHeaderConfig(encodingFile)
      : {};
  const edges = headerEdges(header);
  const strict = args.flags.get('strict') === true;
  const lines = readTokenLines(input);
  if (lines.length === 0) throw new CliError(`${input} holds no tokens`);

  const decoded: DecodedLine[] = lines.map((tokens, i) => {
    const r: DecodeResult = decodeTokens(tokens);
    const windowBars = header.bars ?? r.piece.bars;
    const tracks = r.piece.tracks.map((t) => ({
      ...t,
      controls: {
        requested: { density: t.density ?? null, polyphony: t.polyphony ?? null, duration: t.duration ?? null },
        realised: realisedBins(t.notes, r.piece.bars, windowBars, edges),
      },
    }));
    const entry: DecodedLine = {
      line: i + 1,
      bars: r.piece.bars,
      tracks,
      unknownTokens: r.unknownTokens,
      skippedTokens: r.skippedTokens,
      closedNotes: r.closedNotes,
    };
    if (strict) {
      try {
        decodeTokens(tokens, { strict: true });
        entry.strictError = null;
      } catch (e) {
        entry.strictError = (e as Error).message;
      }
    }
    return entry;
  });

  if (json) writeFileSync(json, JSON.stringify(decoded) + '\n');
  const failed = decoded.filter((d) => d.strictError);
  if (strict && !json && failed.length > 0) throw new CliError(`line ${failed[0].line}: ${failed[0].strictError}`);
  if (strict && json)
    process.stderr.write(`${decoded.length - failed.length}/${decoded.length} pieces decode strictly\n`);
  if (out) writeFileSync(out, writeMidi(gridToScore(concatenate(decoded), { bpm: int(args, 'bpm', 120, 1, 1000) })));
}

/** Pieces one after another; tracks with the same INST share a track. */
function concatenate(pieces: DecodedLine[]): GridPiece {
  const tracks = new Map<string, GridTrack>();
  let offset = 0;
  for (const p of pieces) {
    for (const t of p.tracks) {
      const track = tracks.get(t.inst) ?? { inst: t.inst, notes: [] };
      tracks.set(t.inst, track);
      track.notes.push(...t.notes.map((n) => ({ ...n, start: n.start + offset })));
    }
    offset += p.bars * STEPS_PER_BAR;
  }
  return { bars: offset / STEPS_PER_BAR, tracks: [...tracks.values()] };
}
