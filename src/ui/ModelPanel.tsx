import type { BackendChoice } from '../model/protocol';
import { selectModel as loadModel, setBackend } from '../store/modelActions';
import { selectModel, selectRunning, selectSettings } from '../store/selectors';
import { useCantor } from '../store/state';

/** Model and Backend pickers. */
export function ModelPanel() {
  const model = useCantor(selectModel);
  const settings = useCantor(selectSettings);
  const running = useCantor(selectRunning);
  return (
    <fieldset className="panel model-panel">
      <legend>Model</legend>
      <label>
        Model
        <select aria-label="Model" value={settings.modelName ?? ''} disabled={running} onChange={(e) => void loadModel(e.target.value)}>
          {model.available.length === 0 && <option value="">(none)</option>}
          {model.available.map((m) => (
            <option key={m.name} value={m.name}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Backend
        <select aria-label="Backend" value={settings.backend} disabled={running} onChange={(e) => void setBackend(e.target.value as BackendChoice)}>
          <option value="auto">auto</option>
          <option value="webgpu">WebGPU</option>
          <option value="wasm">WASM</option>
        </select>
      </label>
    </fieldset>
  );
}
