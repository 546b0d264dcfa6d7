// The roll's per-frame state lives here, outside React: the store's piece and
// playhead are read on each animation frame, so the playhead never re-renders
// a component and bursts of streamed notes cost one redraw per frame.
import { useEffect, useState, type RefObject } from 'react';
import { barLength } from '../../music/meter';
import { noteCount, type Note } from '../../music/score';
import { selectHasDrumLane, selectPreviewIndex, selectTargetTrack } from '../../store/editSelectors';
import { pieceBars, summarize } from '../../store/selectors';
import { useCantor, type CantorState } from '../../store/state';
import { rollBars } from './bars';
import { trackColours } from './colours';
import { drawScene, type Draft, type Scene } from './draw';
import { newOverviewCache, type OverviewCache } from './drawChrome';
import { drawLaneFrame, newDrumLane, type DrumLaneState } from './drumLaneState';
import {
  DRUM_KEYS_WIDTH,
  KEYS_WIDTH,
  VELOCITY_LANE_HEIGHT,
  defaultView,
  visibleTicks,
  type RollView,
} from './geometry';
import { ghostOf } from './ghost';
import { runRange, type RunStart } from './runFit';
import { clampView, fitView, follow, pitchRange, viewText, type FitRange } from './view';

export interface RollController {
  canvas: HTMLCanvasElement | null;
  view: RollView;
  draft: Draft | null;
  band: Scene['band'];
  hover: Scene['hover'];
  /** The range the view was last fitted to: kept fitted through resizes until the user zooms or scrolls. */
  fitted: FitRange | null;
  /** A generation is running: the fitted range grows to take in notes above or below it. */
  tracking: boolean;
  overview: OverviewCache;
  /** The note the last click added, so the double-click that follows keeps it (one undo step). */
  lastAdded: { note: Note; at: number } | null;
  /** performance.now() when a drag ended: the click that follows it adds nothing. */
  dragEndedAt: number;
  /** The drum lane below the roll (its canvas is null while the piece has no drums). */
  drums: DrumLaneState;
  requestDraw(): void;
  /** Draw at once (after a resize, which clears the canvas, so it is never seen blank). */
  drawNow(): void;
  /** The user moved the view: it stays where they put it. */
  setView(view: RollView): void;
  /** Fit a range (default: the whole piece) and keep it fitted. */
  fit(range?: FitRange): void;
}

const ghostMemo = { key: [] as unknown[], value: null as Scene['ghost'] };

function sceneOf(s: CantorState, c: RollController): Scene {
  const { piece, playback, edit } = s;
  const score = piece.score;
  const target = selectTargetTrack(s);
  const shown = selectPreviewIndex(s);
  const key = [s.generation.candidates, shown, score];
  if (!key.every((k, i) => k === ghostMemo.key[i]))
    [ghostMemo.key, ghostMemo.value] = [key, shown === null ? null : ghostOf(score, s.generation.candidates, shown)];
  return {
    score,
    view: c.view,
    bars: rollBars(score, visibleTicks(c.view)[1]),
    colours: trackColours(score.tracks),
    target,
    trackSelected: piece.selectedTrack !== null,
    selection: edit.selection,
    muted: new Set(playback.muted),
    generated: piece.generated,
    selectedBar: piece.selectedBar,
    playhead: playback.position,
    loop: playback.loop,
    draft: c.draft,
    band: c.band,
    hover: c.hover,
    ghost: ghostMemo.value,
    overview: c.overview,
  };
}

/** The whole piece and all its pitches; an empty roll shows as many bars as Compose would write. */
function wholePiece(s: CantorState): FitRange {
  const { score } = s.piece;
  const bars =
    noteCount(score) > 0
      ? pieceBars(score)
      : rollBars(score, s.settings.bars * barLength(score.ppq, 4, 4)).slice(0, s.settings.bars);
  return { from: 0, to: bars[bars.length - 1].end, ...pitchRange(score) };
}

/** Keyboard width (as wide as the drum lane's names, when it is shown) and velocity lane follow the piece and the toggle. */
function syncLayout(c: RollController, s: CantorState): void {
  const keysWidth = selectHasDrumLane(s) ? DRUM_KEYS_WIDTH : KEYS_WIDTH;
  const laneHeight = s.edit.velocityLane ? VELOCITY_LANE_HEIGHT : 0;
  if (keysWidth === c.view.keysWidth && laneHeight === c.view.laneHeight) return;
  c.view = { ...c.view, keysWidth, laneHeight };
  if (c.fitted) c.view = fitView(c.view, c.fitted, s.piece.score.ppq);
  else c.view = clampView(c.view, s.piece.score.ppq);
}

/** While playing, page along with the playhead; while the model writes, take in notes outside the fitted pitches. */
function keepInView(c: RollController, s: CantorState): void {
  const { score } = s.piece;
  if (s.playback.playing) {
    const next = follow(c.view, s.playback.position, score.ppq / 2);
    if (next !== c.view) [c.view, c.fitted] = [next, null];
  }
  if (c.tracking && c.fitted) {
    const { low, high } = pitchRange(score, c.fitted.from, c.fitted.to);
    if (low < c.fitted.low || high > c.fitted.high)
      c.fit({ ...c.fitted, low: Math.min(low, c.fitted.low), high: Math.max(high, c.fitted.high) });
  }
}

const summaryMemo = { score: null as CantorState['piece']['score'] | null, text: '' };

/** The accessible label ("4 tracks, 16 bars, 323 notes; in view: bars 1–16, C3–A5") and the view as data attributes. */
function publish(c: RollController, s: CantorState, ghost: Scene['ghost']): void {
  const el = c.canvas!;
  const { score } = s.piece;
  if (summaryMemo.score !== score) [summaryMemo.score, summaryMemo.text] = [score, summarize(score)];
  const label = `${summaryMemo.text}; in view: ${viewText(c.view, rollBars(score, visibleTicks(c.view)[1]))}`;
  if (el.getAttribute('aria-label') !== label) el.setAttribute('aria-label', label);
  // The view, for tests and tools that need to point at a note.
  const v = c.view;
  Object.assign(el.dataset, {
    topPitch: v.topPitch,
    rowHeight: v.rowHeight,
    scrollTick: v.scrollTick,
    pxPerTick: v.pxPerTick,
    keysWidth: v.keysWidth,
    laneHeight: v.laneHeight,
  });
  el.dataset.preview = ghost ? `${ghost.index + 1}/${ghost.count}` : '';
}

function createController(): RollController {
  let frame = 0;
  const c: RollController = {
    canvas: null,
    view: defaultView(800, 400, 480),
    draft: null,
    band: null,
    hover: null,
    fitted: null,
    tracking: false,
    overview: newOverviewCache(),
    lastAdded: null,
    dragEndedAt: -Infinity,
    drums: newDrumLane(),
    requestDraw() {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        c.drawNow();
      });
    },
    drawNow() {
      const ctx = c.canvas?.getContext('2d');
      if (!ctx) return;
      const state = useCantor.getState();
      syncLayout(c, state);
      keepInView(c, state);
      const dpr = window.devicePixelRatio || 1;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const scene = sceneOf(state, c);
      drawScene(ctx, scene);
      publish(c, state, scene.ghost);
      drawLaneFrame(c.drums, state, scene);
    },
    setView(view) {
      c.view = clampView(view, useCantor.getState().piece.score.ppq);
      c.fitted = null;
      c.requestDraw();
    },
    fit(range) {
      const s = useCantor.getState();
      c.fitted = range ?? wholePiece(s);
      c.view = fitView(c.view, c.fitted, s.piece.score.ppq);
      c.requestDraw();
    },
  };
  return c;
}

/**
 * A piece that came in whole (a restored session, a new piece), not by an edit, undo, redo or
 * a run: each of those leaves the previous piece at one end of the history.
 */
function arrived(s: CantorState, prev: CantorState): boolean {
  const [now, was] = [s.piece, prev.piece];
  if (now.score === was.score || prev.generation.running) return false;
  return now.past.at(-1)?.score !== was.score && now.future[0]?.score !== was.score;
}

/** Fits the view when a piece arrives, when a run starts (to the bars it will write) and when it ends (to what it wrote). */
function onStoreChange(c: RollController, s: CantorState, prev: CantorState, run: { start: RunStart | null }): void {
  const started = s.generation.running && !prev.generation.running;
  const ended = !s.generation.running && prev.generation.running;
  if ((s.piece.source !== prev.piece.source || arrived(s, prev)) && !s.generation.running) c.fit();
  if (started) {
    run.start = { mode: s.generation.mode ?? '', before: prev.piece.score, bars: s.settings.bars };
    const range = runRange(run.start, null);
    c.tracking = range !== null;
    if (range) c.fit(range);
  }
  if (ended && run.start) {
    const range = runRange(run.start, s.piece.score);
    c.tracking = false;
    if (range) c.fit(range);
    run.start = null;
  }
  if (
    s.piece !== prev.piece ||
    s.playback !== prev.playback ||
    s.edit !== prev.edit ||
    s.generation.candidates !== prev.generation.candidates
  )
    c.requestDraw();
}

export function useRollController(canvasRef: RefObject<HTMLCanvasElement | null>): RollController {
  const [controller] = useState<RollController>(createController);

  useEffect(() => {
    const c = controller;
    const el = canvasRef.current;
    c.canvas = el;
    if (!el) return;
    let sized = false;
    const resize = () => {
      const rect = el.getBoundingClientRect();
      const dpr = window.devicePixelRatio || 1;
      const [w, h] = [Math.max(1, Math.round(rect.width * dpr)), Math.max(1, Math.round(rect.height * dpr))];
      if (sized && w === el.width && h === el.height) return;
      [el.width, el.height] = [w, h];
      const s = useCantor.getState();
      syncLayout(c, s);
      c.view = { ...c.view, width: rect.width, height: rect.height };
      if (!sized || c.fitted) c.fit(c.fitted ?? undefined);
      else c.view = clampView(c.view, s.piece.score.ppq);
      sized = true;
      c.drawNow();
    };
    resize();
    const observer = new ResizeObserver(resize);
    observer.observe(el);
    const run = { start: null as RunStart | null };
    const unsubscribe = useCantor.subscribe((s, prev) => onStoreChange(c, s, prev, run));
    return () => {
      observer.disconnect();
      unsubscribe();
      c.canvas = null;
    };
  }, [controller, canvasRef]);

  return controller;
}
