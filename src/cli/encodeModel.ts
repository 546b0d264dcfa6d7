// `cantor encode --model models/<name> file.mid`: a file encoded exactly as that model's training
// data was (its config.json encoding: bars, hop, parts, header edges, track budget; its
// tokenizer.json vocabulary), so anyone can score the model on their own files.
import { headerEdges, type HeaderEdges } from '../music/controls';
import { encodePiece } from '../music/encode';
import { applyConventions } from '../music/corpus';
import type { GridPiece } from '../music/grid';
import { mapInstruments, modelView } from '../music/instrumentMap';
import { isPartName } from '../music/parts';
import { scoreToGrid } from '../music/quantize';
import type { Score } from '../music/score';
import type { Tokenizer } from '../music/tokenizer';
import { budgetTracks } from '../music/trackBudget';
import { windows } from '../music/windows';
import { readMeta } from '../model/modelConfig';
import { folderSource } from '../model/sourceNode';
import { CliError } from './args';

/** The fields of config.json's `encoding` (encoding.json) that decide how a file is encoded. */
export interface ModelEncoding {
  bars: number;
  hop: number;
  /** The header tokens' edges (DENSITY, POLYPHONY, DURATION), for encodePiece. */
  headerEdges: HeaderEdges;
  parts: string[];
  instruments: string[];
  maxTracks: number | null;
}

export interface ModelEncoder {
  encoding: ModelEncoding;
  tokenizer: Tokenizer;
}

export async function readModelEncoder(dir: string): Promise<ModelEncoder> {
  const { config, tokenizer } = await readMeta(folderSource(dir));
  const e = (config.encoding ?? {}) as Record<string, unknown>;
  const bars = Number.isInteger(e.bars) ? (e.bars as number) : 4;
  return {
    tokenizer,
    encoding: {
      bars,
      hop: Number.isInteger(e.hop) ? (e.hop as number) : bars,
      headerEdges: headerEdges(config.encoding),
      parts: Array.isArray(e.parts) ? (e.parts as string[]) : [],
      instruments: config.instruments,
      maxTracks: Number.isInteger(e.maxTracks) ? (e.maxTracks as number) : null,
    },
  };
}

/**
 * The model's view of a score: for a model that knows only named parts (the chorales), the
 * tracks take the parts in file order, as its corpora did; for a GM model, every track it can
 * play, an unknown program as the nearest of its GM family. `notes` says what was changed.
 */
export function modelScore(score: Score, e: ModelEncoding): { score: Score; notice: string } {
  const insts = e.instruments.map((i) => i.replace(/^INST=/, ''));
  if (insts.length > 0 && insts.every(isPartName)) {
    const parts = e.parts.length > 0 ? e.parts : insts;
    const named = applyConventions(score, { parts });
    const left = score.tracks.filter((t) => t.notes.length > 0).length - named.tracks.length;
    return { score: named, notice: `tracks in file order as ${parts.join(', ')}` + (left > 0 ? `; ${left} further track(s) left out` : '') };
  }
  const gm = applyConventions(score, {});
  const map = mapInstruments(gm, e.instruments);
  return { score: modelView(gm, map), notice: map.notice };
}

/** One line of tokens per window; every token is checked against the model's vocabulary. */
export function encodeForModel(score: Score, m: ModelEncoder, hop = m.encoding.hop): { lines: string[]; notice: string; budgeted: number } {
  const view = modelScore(score, m.encoding);
  const grid: GridPiece = scoreToGrid(view.score);
  let budgeted = 0;
  const lines = windows(grid, m.encoding.bars, hop).map((w) => {
    let piece = w;
    if (m.encoding.maxTracks) {
      const b = budgetTracks(w, m.encoding.maxTracks);
      if (b.dropped.length > 0) budgeted++;
      piece = b.piece;
    }
    const tokens = encodePiece(piece, m.encoding.headerEdges);
    const unknown = tokens.find((t) => !m.tokenizer.ids.has(t));
    if (unknown) throw new CliError(`${unknown} is not in the model's vocabulary`);
    return tokens.join(' ');
  });
  return { lines, notice: view.notice, budgeted };
}
