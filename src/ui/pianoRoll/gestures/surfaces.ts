// The two places notes are edited with the pointer: the pitched roll and the drum lane
// below it. The gestures (select, move, rubber band, add, delete) are the same; a
// surface says where its notes are, what key a height stands for and which track a
// click draws into.
import type { Note } from '../../../music/score';
import { selectDrumTarget, selectPitchedTarget, selectTargetTrack } from '../../../store/editSelectors';
import { useCantor, type CantorState } from '../../../store/state';
import type { RollController } from '../controller';
import { drumKeyAt, drumsInRect, drumZoneAt, hitDrum, rowAt } from '../drumGeometry';
import { laneRows, laneView } from '../drumLaneState';
import { hitNote, notesInRect, yToPitch, zoneAt, type NoteHit } from '../geometry';
import type { Point } from './pointer';

type Band = RollController['band'];

export interface EditSurface {
  /** The canvas the surface is drawn on. */
  canvas(c: RollController): HTMLCanvasElement | null;
  /** The point is on the empty editing area: a click adds a note there, a drag draws a rubber band. */
  isGrid(c: RollController, p: Point): boolean;
  hitAt(c: RollController, p: Point): NoteHit | null;
  /** The key a height stands for (a drag past the edge keeps the nearest). */
  keyAt(c: RollController, y: number): number;
  /** Notes (as [track, note]) a rubber band between two points touches. */
  inRect(c: RollController, a: Point, b: Point): [number, Note][];
  /** The track a click draws into (null: none can take it). */
  drawTrack(s: CantorState): number | null;
  getBand(c: RollController): Band;
  setBand(c: RollController, band: Band): void;
}

const state = () => useCantor.getState();

/** The pitched roll: every track but the drums. */
export const rollSurface: EditSurface = {
  canvas: (c) => c.canvas,
  isGrid: (c, p) => zoneAt(c.view, p.x, p.y) === 'notes',
  hitAt: (c, p) => hitNote(state().piece.score, c.view, p.x, p.y, selectTargetTrack(state())),
  keyAt: (c, y) => yToPitch(c.view, y),
  inRect: (c, a, b) => notesInRect(state().piece.score, c.view, a, b),
  drawTrack: selectPitchedTarget,
  getBand: (c) => c.band,
  setBand: (c, band) => (c.band = band),
};

/** The drum lane: the drum tracks, one row per sound, on the roll's time axis. */
export const drumSurface: EditSurface = {
  canvas: (c) => c.drums.canvas,
  isGrid: (c, p) =>
    drumZoneAt(laneView(c.view, c.drums), p.x) === 'hits' && rowAt(laneRows(state(), c.drums), p.y) !== null,
  hitAt: (c, p) =>
    hitDrum(
      state().piece.score,
      laneView(c.view, c.drums),
      laneRows(state(), c.drums),
      p.x,
      p.y,
      selectTargetTrack(state()),
    ),
  keyAt: (c, y) => drumKeyAt(laneRows(state(), c.drums), y),
  inRect: (c, a, b) => drumsInRect(state().piece.score, laneView(c.view, c.drums), laneRows(state(), c.drums), a, b),
  drawTrack: selectDrumTarget,
  getBand: (c) => c.drums.band,
  setBand: (c, band) => (c.drums.band = band),
};
