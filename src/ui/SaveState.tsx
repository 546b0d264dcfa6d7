import { useEffect } from 'react';
import { hasUnsavedChanges, saveNow } from '../store/persist';
import { useCantor, type CantorState } from '../store/state';

const selectSave = (s: CantorState) => s.session.save;

const TEXT = { saved: 'Saved', pending: 'Saving…', off: 'Not saved' } as const;
const TITLE = {
  saved:
    'The piece, its undo history and the settings are kept in this browser and come back when you reopen the page.',
  pending: 'Saving the piece in this browser…',
  off: 'This browser does not keep the piece: download it to keep it.',
} as const;

/** Asks before the tab closes with work that is not stored yet (where the browser allows it). */
function useUnsavedPrompt(): void {
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!hasUnsavedChanges()) return;
      // Write now: while the browser asks, the write has time to land.
      if (useCantor.getState().session.save === 'pending') void saveNow();
      e.preventDefault();
      e.returnValue = ''; // older Chromium needs it to show the prompt
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
}

/** Autosave state, beside the status line. */
export function SaveState() {
  useUnsavedPrompt();
  const save = useCantor(selectSave);
  return (
    <span className={`save-state ${save}`} data-save={save} title={TITLE[save]}>
      {TEXT[save]}
    </span>
  );
}
