// The roll's keyboard, while it has focus (signal / GarageBand / Logic conventions):
// ctrl/cmd+A select all, Delete/Backspace delete, arrows nudge (a grid step or a
// semitone; shift: a beat or an octave), ctrl/cmd+C/X/V (paste at the playhead),
// ctrl/cmd+D duplicate, Esc deselect; F fits the piece; +/- zoom (alt: the rows);
// T / shift+T pick the target track; [ ] step through Variations, Enter picks one.
// With nothing selected the arrows scroll the view. Ctrl+Z and Space stay the app's.
import { useEffect } from 'react';
import {
  clearSelection,
  copySelection,
  cutSelection,
  deleteSelection,
  duplicateSelection,
  nudgeSelection,
  paste,
  selectAll,
} from '../../../store/editActions';
import {
  selectPickedCandidate,
  selectShownCandidate,
  selectTargetCount,
  selectTargetTrack,
} from '../../../store/editSelectors';
import { selectTrack } from '../../../store/pieceActions';
import { useCantor } from '../../../store/state';
import { closePreview, pickPreviewed, stepCandidate } from '../../../store/variationActions';
import type { RollController } from '../controller';
import { noteWidth, RULER_HEIGHT } from '../geometry';
import { scrollBy, zoomAt, zoomRowsAt } from '../view';

type Arrow = 'left' | 'right' | 'up' | 'down';
const ARROWS: Record<string, Arrow> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

function scrollView(c: RollController, arrow: Arrow, big: boolean): void {
  const { ppq } = useCantor.getState().piece.score;
  const page = noteWidth(c.view) * (big ? 0.9 : 0.2);
  const rows = big ? 12 : 2;
  const [dx, dy] = { left: [-page, 0], right: [page, 0], up: [0, -rows], down: [0, rows] }[arrow];
  c.setView(scrollBy(c.view, dx, dy, ppq));
}

function zoom(c: RollController, factor: number, rows: boolean): void {
  const { ppq } = useCantor.getState().piece.score;
  const v = c.view;
  c.setView(
    rows
      ? zoomRowsAt(v, RULER_HEIGHT + (v.height - RULER_HEIGHT) / 2, factor, ppq)
      : zoomAt(v, v.keysWidth, factor, ppq),
  );
}

/** Handle one key; true when it was the roll's. */
function onKey(c: RollController, e: KeyboardEvent): boolean {
  const s = useCantor.getState();
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod) {
    const action = { a: selectAll, c: copySelection, x: cutSelection, v: () => paste(), d: duplicateSelection }[key];
    if (!action) return false;
    action();
    return true;
  }
  if (e.altKey && (key === '=' || key === '+' || key === '-' || key === '_')) {
    zoom(c, key === '-' || key === '_' ? 1 / 1.25 : 1.25, true);
    return true;
  }
  const arrow = ARROWS[e.key];
  if (arrow) {
    if (s.edit.selection.size > 0 && !e.altKey) nudgeSelection(arrow, e.shiftKey);
    else scrollView(c, arrow, e.shiftKey);
    return true;
  }
  const shown = selectShownCandidate(s);
  const previewing = shown !== null && shown >= 0 && shown !== selectPickedCandidate(s);
  switch (key) {
    case 'Delete':
    case 'Backspace':
      deleteSelection();
      return true;
    case 'Escape':
      if (previewing) closePreview();
      else clearSelection();
      return true;
    case 'Enter':
      if (!previewing) return false;
      pickPreviewed();
      return true;
    case '[':
    case ']':
      if (shown === null) return false;
      stepCandidate(key === ']' ? 1 : -1);
      return true;
    case 'f':
      c.fit();
      return true;
    case '=':
    case '+':
    case '-':
    case '_':
      zoom(c, key === '-' || key === '_' ? 1 / 1.5 : 1.5, false);
      return true;
    case 't': {
      const n = selectTargetCount(s);
      if (n > 0) selectTrack((selectTargetTrack(s) + (e.shiftKey ? n - 1 : 1)) % n);
      return true;
    }
  }
  return false;
}

/** The roll's keys on its canvas, or on another that edits the same piece (the drum lane). */
export function useRollKeys(
  c: RollController,
  canvasOf: (c: RollController) => HTMLCanvasElement | null = (r) => r.canvas,
): void {
  useEffect(() => {
    const canvas = canvasOf(c);
    if (!canvas) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (onKey(c, e)) e.preventDefault();
    };
    canvas.addEventListener('keydown', onKeyDown);
    return () => canvas.removeEventListener('keydown', onKeyDown);
  }, [c, canvasOf]);
}
