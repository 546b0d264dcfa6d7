// The roll's per-frame state lives here, outside React: the store's piece and
// playhead are read on each animation frame, so the playhead never re-renders
// a component and bursts of streamed notes cost one redraw per frame.
import { useEffect, useState, type RefObject } from 'react';
import { useCantor, type CantorState } from '../../store/state';
import { drawScene, type Scene } from './draw';
import { endTick } from '../../music/score';
import { barCount } from '../../store/selectors';
import { RULER_HEIGHT, defaultView, fitBars, fitPitches, follow, type RollView } from './geometry';

export interface RollController {
  canvas: HTMLCanvasElement | null;
  view: RollView;
  draft: Scene['draft'];
  /** performance.now() when a note drag ended: the click that follows it adds nothing. */
  dragEndedAt: number;
  requestDraw(): void;
  /** Draw at once (after a resize, which clears the canvas, so it is never seen blank). */
  drawNow(): void;
  setView(view: RollView): void;
}

function sceneOf(s: CantorState, c: RollController): Scene {
  const { piece, playback } = s;
  return {
    score: piece.score,
    generated: piece.generated,
    view: c.view,
    selectedTrack: piece.selectedTrack,
    selectedBar: piece.selectedBar,
    playhead: playback.position,
    loop: playback.loop,
    draft: c.draft,
  };
}

/** Keeps the playhead on screen while playing, and the newest notes while the model writes. */
function keepInView(c: RollController, s: CantorState): void {
  if (s.playback.playing) c.view = follow(c.view, s.playback.position, s.piece.score.ppq);
  else if (s.generation.running) c.view = follow(c.view, endTick(s.piece.score), s.piece.score.ppq * 8);
}

/** A resized view showing the same middle pitch as before. */
function keepCentre(v: RollView, width: number, height: number): RollView {
  const rows = (h: number) => (h - RULER_HEIGHT) / v.rowHeight;
  const centre = v.topPitch - rows(v.height) / 2;
  return { ...v, width, height, topPitch: Math.min(127, Math.round(centre + rows(height) / 2)) };
}

export function useRollController(canvasRef: RefObject<HTMLCanvasElement | null>): RollController {
  const [controller] = useState<RollController>(() => {
    let frame = 0;
    const c: RollController = {
      canvas: null,
      view: defaultView(800, 400, 480),
      draft: null,
      dragEndedAt: -Infinity,
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
        keepInView(c, state);
        const dpr = window.devicePixelRatio || 1;
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        drawScene(ctx, sceneOf(state, c));
        // The view, for tests and tools that need to point at a note.
        const d = c.canvas!.dataset;
        [d.topPitch, d.rowHeight, d.scrollTick, d.pxPerTick] = [c.view.topPitch, c.view.rowHeight, c.view.scrollTick, c.view.pxPerTick].map(String);
      },
      setView(view) {
        c.view = view;
        c.requestDraw();
      },
    };
    return c;
  });

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
      el.width = w;
      el.height = h;
      const { score } = useCantor.getState().piece;
      c.view = sized ? keepCentre(c.view, rect.width, rect.height) : fitPitches(defaultView(rect.width, rect.height, score.ppq), score);
      sized = true;
      c.drawNow();
    };
    resize();
    const observer = new ResizeObserver(resize);
    observer.observe(el);
    const unsubscribe = useCantor.subscribe((s, prev) => {
      const { ppq } = s.piece.score;
      if (s.piece.source !== prev.piece.source) c.view = fitPitches(fitBars(c.view, barCount(s.piece.score), ppq), s.piece.score);
      else if (s.generation.running && !prev.generation.running && s.generation.mode === 'compose') c.view = fitBars(c.view, s.settings.bars, ppq);
      if (s.piece !== prev.piece || s.playback !== prev.playback) c.requestDraw();
    });
    return () => {
      observer.disconnect();
      unsubscribe();
      c.canvas = null;
    };
  }, [controller, canvasRef]);

  return controller;
}
