// The current piece as mmmtrack token text: what the model reads.
import { scoreToGrid } from '../music/quantize';
import { encodePiece } from '../music/encode';
import { mapInstruments, modelView } from '../music/instrumentMap';
import { noteCount, type Score } from '../music/score';
import type { ModelInfo } from '../model/protocol';
import { errorMessage } from './messageActions';

interface EncodingConfig {
  encoding?: { density?: { enabled?: boolean; edges?: number[] } };
}

export function tokenText(score: Score, info: ModelInfo | null): string {
  if (noteCount(score) === 0) return '(empty piece)';
  try {
    const view = info ? modelView(score, mapInstruments(score, info.instruments)) : score;
    const density = (info?.config as EncodingConfig | undefined)?.encoding?.density;
    const densityEdges = density?.enabled ? density.edges : undefined;
    return encodePiece(scoreToGrid(view), { densityEdges }).join(' ');
  } catch (e) {
    return `(cannot encode this piece: ${errorMessage(e)})`;
  }
}
