// Selectors at module scope: stable function identities, so components re-render
// only when the value they read changes.
import { barAt, barsOf, MAX_BARS, type Bar } from '../music/meter';
import { endTick, noteCount, type Score } from '../music/score';
import type { CantorState } from './state';

export const selectScore = (s: CantorState) => s.piece.score;
export const selectCanUndo = (s: CantorState) => s.piece.past.length > 0;
export const selectCanRedo = (s: CantorState) => s.piece.future.length > 0;
export const selectSelectedTrack = (s: CantorState) => s.piece.selectedTrack;
export const selectSelectedBar = (s: CantorState) => s.piece.selectedBar;
export const selectRunning = (s: CantorState) => s.generation.running;
export const selectGeneration = (s: CantorState) => s.generation;
export const selectCandidates = (s: CantorState) => s.generation.candidates;
export const selectPlaying = (s: CantorState) => s.playback.playing;
export const selectTempoScale = (s: CantorState) => s.playback.tempoScale;
/** The piece's opening tempo (120 when the file has none). */
export const selectBpm = (s: CantorState) => s.piece.score.tempos[0]?.bpm ?? 120;
export const selectLoop = (s: CantorState) => s.playback.loop;
export const selectMuted = (s: CantorState) => s.playback.muted;
export const selectSoloed = (s: CantorState) => s.playback.soloed;
export const selectSettings = (s: CantorState) => s.settings;
export const selectModel = (s: CantorState) => s.model;
export const selectAlert = (s: CantorState) => s.messages.alert;
export const selectNotice = (s: CantorState) => s.messages.notice;
export const selectNoticeDetails = (s: CantorState) => s.messages.noticeDetails;
export const selectModelReady = (s: CantorState) => s.model.status === 'ready';
export const selectCanFill = (s: CantorState) => s.model.info?.fill === true;

const barsByScore = new WeakMap<Score, readonly Bar[]>();

/**
 * The piece's real bars, from its own meter map, up to its last note (at least one, so an empty
 * roll still has a bar; at most MAX_BARS). Bars count from 0 here; people count from 1. Kept per
 * score, so selectors return the same array until the piece changes.
 */
export function pieceBars(score: Score): readonly Bar[] {
  let bars = barsByScore.get(score);
  if (!bars) barsByScore.set(score, (bars = barsOf(score, endTick(score), MAX_BARS)));
  return bars;
}
export const selectBars = (s: CantorState) => pieceBars(s.piece.score);

/** Number of bars the piece spans (at least 1). */
export function barCount(score: Score): number {
  return pieceBars(score).length;
}

/** Bar `index` (from 0) of the piece, past its last note too: [start, end) in ticks and its meter. */
export function pieceBar(score: Score, index: number): Bar {
  return barAt(score, index);
}

/** "4 tracks, 4 bars, 112 notes": the piano roll's accessible summary. */
export function summarize(score: Score): string {
  const t = score.tracks.length;
  const b = noteCount(score) === 0 ? 0 : barCount(score);
  const n = noteCount(score);
  return `${t} track${t === 1 ? '' : 's'}, ${b} bar${b === 1 ? '' : 's'}, ${n} note${n === 1 ? '' : 's'}`;
}

/** Status line: active model and backend. */
export const selectStatusLine = (s: CantorState): string => {
  const m = s.model;
  if (m.status === 'ready' && m.info)
    return `Model ${m.info.name} (${m.info.variant}) on ${m.info.backend.toUpperCase()}`;
  if (m.status === 'loading') {
    const p = m.progress;
    const pct = p && p.total > 0 ? ` ${Math.round((100 * p.loaded) / p.total)}%` : '';
    return `Loading model ${s.settings.modelName ?? ''}…${p ? ` ${p.phase}${pct}` : ''}`;
  }
  if (m.status === 'error') return `Model ${s.settings.modelName ?? ''} failed to load`;
  return 'No model loaded';
};
