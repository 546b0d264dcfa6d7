import type { BackendChoice } from '../model/protocol';
import { setBackend } from '../store/modelActions';
import { selectRunning, selectSettings } from '../store/selectors';
import { ModelPicker } from './ModelPicker';
import { useCantor } from '../store/state';

/** Model and Backend pickers. */
export function ModelPanel() {
  const settings = useCantor(selectSettings);
  const running = useCantor(selectRunning);
  return (
    <fieldset className="panel model-panel">
      <legend>Model</legend>
      <ModelPicker />
      <label>
        Backend
        <select
          aria-label="Backend"
          value={settings.backend}
          disabled={running}
          onChange={(e) => void setBackend(e.target.value as BackendChoice)}
        >
          <option value="auto">auto</option>
          <option value="webgpu">WebGPU</option>
          <option value="wasm">WASM</option>
        </select>
      </label>
    </fieldset>
  );
}
