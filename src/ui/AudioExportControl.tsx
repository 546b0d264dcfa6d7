import { cancelAudioExport, downloadAudio } from '../store/audioExportActions';
import { useCantor, type AudioExportSlice } from '../store/state';

const STAGE_TEXT: Record<NonNullable<AudioExportSlice['stage']>, string> = {
  loading: 'Loading sounds…',
  rendering: 'Rendering',
  encoding: 'Writing WAV…',
};

/** Download audio, and while it renders: a progress bar and Cancel. */
export function AudioExportControl() {
  const { stage, progress } = useCantor((s) => s.audioExport);
  const percent = progress === null ? null : Math.round(progress * 100);
  return (
    <>
      <button
        type="button"
        disabled={stage !== null}
        title="A WAV file (44.1 kHz, 16-bit stereo) of the piece, or of the loop range when Loop is on, as it plays now: mute, solo and tempo included"
        onClick={() => void downloadAudio()}
      >
        Download audio
      </button>
      {stage && (
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
      )}
    </>
  );
}
