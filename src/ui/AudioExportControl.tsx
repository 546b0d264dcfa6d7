// Download audio (beside Download MIDI) and, while an export runs, its progress and Cancel
// (at the end of the Piece panel, so nothing before it moves when they appear).
import { cancelAudioExport, downloadAudio } from '../store/audioExportActions';
import { useCantor, type AudioExportSlice } from '../store/state';

const STAGE_TEXT: Record<NonNullable<AudioExportSlice['stage']>, string> = {
  loading: 'Loading sounds…',
  rendering: 'Rendering',
  encoding: 'Writing WAV…',
};

export function DownloadAudioButton() {
  const busy = useCantor((s) => s.audioExport.stage !== null);
  return (
    <button
      type="button"
      disabled={busy}
      title="A WAV file (44.1 kHz, 16-bit stereo) of the piece, or of the loop range when Loop is on, as it plays now: mute, solo and tempo included"
      onClick={() => void downloadAudio()}
    >
      Download audio
    </button>
  );
}

export function AudioExportProgress() {
  const { stage, progress } = useCantor((s) => s.audioExport);
  if (!stage) return null;
  const percent = progress === null ? null : Math.round(progress * 100);
  return (
    <span className="audio-export">
      <progress aria-label="Audio export progress" max={1} value={progress ?? undefined} />
      <span className="audio-export-stage">
        {STAGE_TEXT[stage]}
        {stage === 'rendering' && percent !== null && ` ${percent}%`}
      </span>
      <button type="button" onClick={cancelAudioExport}>
        Cancel
      </button>
    </span>
  );
}
