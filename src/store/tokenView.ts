// The current piece as mmmtrack token text: what the model reads.
import { scoreToGrid } from '../music/quantize';
import { encodePiece } from '../music/encode';
import { mapInstruments, modelView } from '../music/instrumentMap';
import { noteCount, type Score } from '../music/score';
import type { ModelInfo } from '../model/protocol';
import { errorMessage } from './messageActions';

export function tokenText(score: Score, info: ModelInfo | null): string {
  if (noteCount(score) === 0) return '(empty piece)';
  try {
    const view = info ? modelView(score, mapInstruments(score, info.instruments)) : score;
    const edges = info?.config.encoding.edges ?? {};
    return encodePiece(scoreToGrid(view), edges).join(' ');
  } catch (e) {
    return `(cannot encode this piece: ${errorMessage(e)})`;
  }
}
