// The app's own keys, on the window: Space plays/pauses, R records (or ends a take), Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z
// or Ctrl/Cmd+Y redoes. A focused control keeps its keys: Space presses a focused button or
// ticks a checkbox, and a text field keeps its own undo. Keys a component already handled
// (defaultPrevented, e.g. the roll's) are left alone.
import { useEffect } from 'react';
import { redo, undo } from '../store/pieceActions';
import { togglePlay } from '../store/playbackActions';
import { toggleRecording } from '../store/recordActions';

/** Elements that do something of their own with Space. */
const USES_SPACE =
  'button, a[href], summary, input, select, textarea, [contenteditable]:not([contenteditable="false"]), ' +
  '[role="button"], [role="checkbox"], [role="switch"], [role="radio"], [role="slider"], [role="tab"], [role="option"], [role="menuitem"]';
/** Elements with their own undo. */
const EDITS_TEXT =
  'input:not([type="checkbox"]):not([type="radio"]):not([type="button"]):not([type="range"]):not([type="file"]), textarea, select, [contenteditable]:not([contenteditable="false"])';

const within = (target: EventTarget | null, selector: string) =>
  target instanceof Element && target.closest(selector) !== null;

function onKey(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.altKey) return;
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (e.code === 'Space' && !mod) {
    if (within(e.target, USES_SPACE)) return;
    e.preventDefault();
    void togglePlay();
  } else if (key === 'r' && !mod && !e.shiftKey) {
    if (within(e.target, EDITS_TEXT)) return;
    e.preventDefault();
    void toggleRecording();
  } else if (mod && (key === 'z' || key === 'y')) {
    if (within(e.target, EDITS_TEXT)) return;
    e.preventDefault();
    if (key === 'y' || e.shiftKey) redo();
    else undo();
  }
}

export function useShortcuts(): void {
  useEffect(() => {
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
