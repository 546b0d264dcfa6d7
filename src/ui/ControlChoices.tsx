// Choices for the track-header controls a model may have beside DENSITY: POLYPHONY (how many notes sound at
// once) and DURATION (how long the notes are). The bins are the model's own (config.json edges, quantiles of
// its training data), so each option says the range it stands for. A model without the control shows no choice.
import type { TrackControls } from '../model/protocol';
import { selectModel } from '../store/selectors';
import { useCantor } from '../store/state';

export type ControlKey = 'polyphony' | 'duration';

const TEXT: Record<ControlKey, { short: string; unit: string; title: string }> = {
  polyphony: {
    short: 'poly',
    unit: 'notes',
    title:
      'Polyphony: how many notes sound at once while the track plays, on average (1 = single notes, 3 and more = chords)',
  },
  duration: {
    short: 'length',
    unit: 'sixteenths',
    title: 'Note length: how long the notes last on average, in sixteenths (2 = eighth notes, 4 = quarter notes)',
  },
};

const fmt = (x: number) => String(Math.round(x * 10) / 10);

/** The range bin `b` of these edges stands for, in the control's unit: "1.6–2.3", "< 1.8", "3+" (the title names the unit). */
export function binRange(edges: readonly number[], b: number, unit: string): string {
  // Polyphony's first edge sits just above 1: its bin 0 is the tracks that never sound two notes at once.
  if (b === 0 && unit === 'notes' && edges[0] <= 1.05) return 'single notes';
  if (b === 0) return `< ${fmt(edges[0])}`;
  if (b >= edges.length) return `${fmt(edges[edges.length - 1])}+`;
  return `${fmt(edges[b - 1])}–${fmt(edges[b])}`;
}

/** The edges of a control the loaded model has, or undefined. */
export function useControlEdges(key: ControlKey): number[] | undefined {
  const edges = useCantor(selectModel).info?.config.encoding.edges;
  return key === 'polyphony' ? edges?.polyphonyEdges : edges?.durationEdges;
}

/** `spec` with one bin set, or taken out (undefined: auto / keep). */
export function withBin<T extends TrackControls>(spec: T, key: keyof TrackControls, bin: number | undefined): T {
  const out = { ...spec };
  if (bin === undefined) delete out[key];
  else out[key] = bin;
  return out;
}

interface BinSelectProps {
  control: ControlKey;
  /** Accessible name, e.g. "Polyphony of track 2". */
  label: string;
  value: number | undefined;
  /** The first option: 'auto' (the model chooses) or 'keep' (the track's own). */
  none: 'auto' | 'keep';
  onChange(bin: number | undefined): void;
}

/** One control's bins as a select; nothing when the loaded model has no such control. */
export function BinSelect({ control, label, value, none, onChange }: BinSelectProps) {
  const edges = useControlEdges(control);
  if (!edges) return null;
  const t = TEXT[control];
  return (
    <select
      className="bin"
      aria-label={label}
      title={`${t.title}. Each choice is one of the model's bins; its range is in ${t.unit}.`}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
    >
      <option value="">
        {t.short}: {none}
      </option>
      {Array.from({ length: edges.length + 1 }, (_, b) => (
        <option key={b} value={b}>
          {t.short} {b} ({binRange(edges, b, t.unit)})
        </option>
      ))}
    </select>
  );
}
