// `cantor encode --model models/<name> file.mid`: a file encoded exactly as that model's training
// data was (its config.json encoding: bars, hop, parts, header edges, track budget; its
// tokenizer.json vocabulary), so anyone can score the model on their own files.
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
import { readMeta, type ModelConfig } from '../model/modelConfig';
import { folderSource } from '../model/sourceNode';
import { CliError } from './args';

export interface ModelEncoder {
  config: ModelConfig;
  tokenizer: Tokenizer;
}

export async function readModelEncoder(dir: string): Promise<ModelEncoder> {
  return readMeta(folderSource(dir));
}

/**
 * The model's view of a score: for a model that knows only named parts (the chorales), the
 * tracks take the parts in file order, as its corpora did; for a GM model, every track it can
 * play, an unknown program as the nearest of its GM family. `notes` says what was changed.
 */
export function modelScore(score: Score, c: ModelConfig): { score: Score; notice: string } {
  const insts = c.instruments;
  if (insts.length > 0 && insts.every(isPartName)) {
    const parts = c.encoding.parts.length > 0 ? c.encoding.parts : insts;
    const named = applyConventions(score, { parts });
    const left = score.tracks.filter((t) => t.notes.length > 0).length - named.tracks.length;
    return {
      score: named,
      notice: `tracks in file order as ${parts.join(', ')}` + (left > 0 ? `; ${left} further track(s) left out` : ''),
    };
  }
  const gm = applyConventions(score, {});
  const map = mapInstruments(gm, insts);
  return { score: modelView(gm, map), notice: map.notice };
}

/** One line of tokens per window; every token is checked against the model's vocabulary. */
export function encodeForModel(
  score: Score,
  m: ModelEncoder,
  hop = m.config.encoding.hop,
): { lines: string[]; notice: string; budgeted: number } {
  const { bars, maxTracks, edges } = m.config.encoding;
  const view = modelScore(score, m.config);
  const grid: GridPiece = scoreToGrid(view.score);
  let budgeted = 0;
  const lines = windows(grid, bars, hop).map((w) => {
    let piece = w;
    if (maxTracks) {
      const b = budgetTracks(w, maxTracks);
      if (b.dropped.length > 0) budgeted++;
      piece = b.piece;
    }
    const tokens = encodePiece(piece, edges);
    const unknown = tokens.find((t) => !m.tokenizer.ids.has(t));
    if (unknown) throw new CliError(`${unknown} is not in the model's vocabulary`);
    return tokens.join(' ');
  });
  return { lines, notice: view.notice, budgeted };
}
