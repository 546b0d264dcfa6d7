import { familyOf, GM_FAMILIES } from '../music/gm';
import { isPartName } from '../music/parts';
import { PRESETS, presetInUse } from '../music/presets';
import { selectSettings } from '../store/selectors';
import { applyPreset } from '../store/settingsActions';
import { useCantor } from '../store/state';
import { instLabel } from './labels';

interface Group {
  label: string;
  insts: string[];
}

/** A model's instruments by GM family (drums first, then families in GM order); named parts in one group. */
export function instrumentGroups(instruments: readonly string[]): Group[] {
  const groups: Group[] = [];
  const parts = instruments.filter(isPartName);
  if (parts.length) groups.push({ label: 'Voices', insts: parts });
  if (instruments.includes('DRUMS')) groups.push({ label: 'Drums', insts: ['DRUMS'] });
  const programs = instruments.filter((i) => /^\d+$/.test(i)).sort((a, b) => Number(a) - Number(b));
  GM_FAMILIES.forEach((family, f) => {
    const insts = programs.filter((p) => familyOf(Number(p)) === f);
    if (insts.length) groups.push({ label: family[0].toUpperCase() + family.slice(1), insts });
  });
  return groups;
}

/** One track's instrument: a select grouped by GM family when the model has GM instruments. */
export function InstrumentPicker({
  label,
  value,
  instruments,
  onChange,
}: {
  label: string;
  value: string;
  instruments: readonly string[];
  onChange: (inst: string) => void;
}) {
  const groups = instrumentGroups(instruments);
  return (
    // The select is cut to the sidebar's width: the title names the instrument in full.
    <select
      aria-label={label}
      title={value ? instLabel(value) : undefined}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    >
      {groups.length === 1
        ? groups[0].insts.map((inst) => (
            <option key={inst} value={inst}>
              {instLabel(inst)}
            </option>
          ))
        : groups.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.insts.map((inst) => (
                <option key={inst} value={inst}>
                  {instLabel(inst)}
                </option>
              ))}
            </optgroup>
          ))}
    </select>
  );
}

/** Line-up presets for a GM model, built from the instruments it knows; it shows the preset in use until a track changes. */
export function PresetPicker({ instruments }: { instruments: readonly string[] }) {
  const { tracks } = useCantor(selectSettings);
  if (instruments.some(isPartName)) return null;
  const inUse = presetInUse(
    tracks.map((t) => t.inst),
    instruments,
  );
  return (
    <select
      aria-label="Preset"
      title={inUse ? `Preset in use: ${inUse.name}` : 'Choose a line-up of tracks'}
      value={inUse?.name ?? ''}
      onChange={(e) => {
        const preset = PRESETS.find((p) => p.name === e.target.value);
        if (preset) applyPreset(preset, instruments);
      }}
    >
      <option value="">Preset…</option>
      {PRESETS.map((p) => (
        <option key={p.name} value={p.name}>
          {p.name}
        </option>
      ))}
    </select>
  );
}
