import { isGmModel } from '../store/gmModel';
import { selectModel as loadModel } from '../store/modelActions';
import { selectModel, selectRunning, selectSettings } from '../store/selectors';
import { useCantor } from '../store/state';

/** Every listed model, the active one named, and (after the app chose a model for an upload) the way back. */
export function ModelPicker() {
  const model = useCantor(selectModel);
  const settings = useCantor(selectSettings);
  const running = useCantor(selectRunning);
  const active = model.status === 'ready' ? model.info?.name : null;
  const switched = model.switched;
  const kind = (m: (typeof model.available)[number]) =>
    isGmModel(m.instruments) ? 'GM instruments' : `${m.instruments.length} voices`;
  const current = model.available.find((m) => m.name === settings.modelName);
  const kinds = [...new Set(model.available.map(kind))];
  return (
    <>
      <label>
        Model
        {/* Each model under its kind ("GM instruments", "4 voices"), so the closed select shows the name in full; the title says both. */}
        <select
          aria-label="Model"
          title={current ? `${current.name} (${kind(current)})` : undefined}
          value={settings.modelName ?? ''}
          disabled={running}
          onChange={(e) => void loadModel(e.target.value)}
        >
          {model.available.length === 0 && <option value="">(none)</option>}
          {kinds.map((k) => (
            <optgroup key={k} label={k}>
              {model.available
                .filter((m) => kind(m) === k)
                .map((m) => (
                  <option key={m.name} value={m.name}>
                    {m.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      <span className="active-model" aria-live="polite">
        {active
          ? `Active: ${settings.modelName}`
          : model.status === 'loading'
            ? `Loading ${settings.modelName ?? ''}…`
            : 'No model active'}
      </span>
      {switched && switched.to === settings.modelName && (
        <span className="model-switched">
          Chose {switched.to} because {switched.why}.{' '}
          <button type="button" disabled={running} onClick={() => void loadModel(switched.from)}>
            Back to {switched.from}
          </button>
        </span>
      )}
    </>
  );
}
