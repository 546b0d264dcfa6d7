// The current piece as mmmtrack token text: what the model reads.
import { headerEdges, type HeaderConfig } from '../music/controls';
import { scoreToGrid } from '../music/quantize';
import { encodePiece } from '../music/encode';
import { mapInstruments, modelView } from '../music/instrumentMap';
import { noteCount, type Score } from '../music/score';
import type { ModelInfo } from '../model/protocol';
import { errorMessage } from './messageActions';

interface EncodingConfig {
  encoding?: HeaderConfig;
}

export function tokenText(score: Score, info: ModelInfo | null): string {
  if (noteCount(score) === 0) return '(empty piece)';
  try {
    const view = info ? modelView(score, mapInstruments(score, info.instruments)) : score;
    const edges = headerEdges((info?.config as EncodingConfig | undefined)?.encoding);
    return encodePiece(scoreToGrid(view), edges).join(' ');
  } catch (e) {
    return `(cannot encode this piece: ${errorMessage(e)})`;
  }
}
