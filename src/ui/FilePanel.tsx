import { downloadMidi, newPiece, uploadFile } from '../store/fileActions';
import { redo, undo } from '../store/pieceActions';
import { selectCanRedo, selectCanUndo, selectRunning } from '../store/selectors';
import { useCantor } from '../store/state';
import { AudioExportProgress, DownloadAudioButton } from './AudioExportControl';

/** New piece, Upload / Download MIDI, Download audio, undo/redo. */
export function FilePanel() {
  const canUndo = useCantor(selectCanUndo);
  const canRedo = useCantor(selectCanRedo);
  const running = useCantor(selectRunning);
  return (
    <fieldset className="panel">
      <legend>Piece</legend>
      <button
        type="button"
        disabled={running}
        title="Start over with an empty roll (Undo brings this piece back)"
        onClick={newPiece}
      >
        New piece
      </button>
      <label className="upload">
        Upload MIDI
        <input
          aria-label="Upload MIDI"
          type="file"
          accept=".mid,.midi,audio/midi"
          disabled={running}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void uploadFile(file, file.name);
            e.target.value = '';
          }}
        />
      </label>
      <button type="button" onClick={downloadMidi}>
        Download MIDI
      </button>
      <DownloadAudioButton />
      <button type="button" disabled={!canUndo || running} onClick={undo}>
        Undo
      </button>
      <button type="button" disabled={!canRedo || running} onClick={redo}>
        Redo
      </button>
      <AudioExportProgress />
    </fieldset>
  );
}
