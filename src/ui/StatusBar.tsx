import { useCantor } from '../store/state';
import { selectGeneration, selectModel, selectStatusLine } from '../store/selectors';

/** The active model and backend (role="status"), and generation progress. */
export function StatusBar() {
  const line = useCantor(selectStatusLine);
  const gen = useCantor(selectGeneration);
  const load = useCantor(selectModel).progress;
  const progress = gen.running ? ` · writing bar ${Math.min(gen.barsDone + 1, gen.totalBars)} of ${gen.totalBars}` : '';
  const bar = gen.running ? { value: gen.barsDone, max: gen.totalBars } : load && load.total > 0 ? { value: load.loaded, max: load.total } : null;
  return (
    <div role="status" className="status" aria-live="polite">
      {line}
      {progress}
      {bar && <progress className="progress" value={bar.value} max={bar.max} aria-hidden="true" />}
    </div>
  );
}
