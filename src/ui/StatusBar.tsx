import { useCantor } from '../store/state';
import { selectGeneration, selectModel, selectStatusLine } from '../store/selectors';

/** The active model and backend (role="status"), and generation progress in bars every track has reached. */
export function StatusBar() {
  const line = useCantor(selectStatusLine);
  const gen = useCantor(selectGeneration);
  const load = useCantor(selectModel).progress;
  const progress = gen.running
    ? ` · ${gen.barsDone} of ${gen.totalBars} bar${gen.totalBars === 1 ? '' : 's'} written`
    : '';
  const bar = gen.running
    ? { value: gen.barsDone, max: gen.totalBars }
    : load && load.total > 0
      ? { value: load.loaded, max: load.total }
      : null;
  return (
    <div role="status" className="status" aria-live="polite">
      <span className="status-text">
        {line}
        {progress}
      </span>
      {/* Always there (empty when idle), so the header never changes height. */}
      <progress
        className={bar ? 'progress' : 'progress idle'}
        value={bar?.value ?? 0}
        max={bar?.max ?? 1}
        aria-hidden="true"
      />
    </div>
  );
}
