import { useCantor } from '../store/state';
import { selectGeneration, selectStatusLine } from '../store/selectors';

/** The active model and backend (role="status"), and generation progress. */
export function StatusBar() {
  const line = useCantor(selectStatusLine);
  const gen = useCantor(selectGeneration);
  const progress = gen.running ? ` · writing bar ${Math.min(gen.barsDone + 1, gen.totalBars)} of ${gen.totalBars}` : '';
  return (
    <div role="status" className="status" aria-live="polite">
      {line}
      {progress}
    </div>
  );
}
