// Times a generation button inside the page: from the click to the first note added to the
// roll and to the Stop button going disabled again, both seen by a MutationObserver, so the
// figures hold no Playwright round trips or polling.
import type { Page } from 'playwright-core';
import { longTasks } from '../../e2e/helpers';

export interface GenerationTimings {
  firstNoteMs: number;
  doneMs: number;
  /** Notes the roll shows after the run minus before it. */
  newNotes: number;
  /** Main-thread long tasks (ms) during the run; needs watchLongTasks() before the page opened. */
  longTasks: number[];
}

type Clock = { t0: number; before: number; notes: number; first?: number; done?: number };

export async function timeGeneration(page: Page, button: string): Promise<GenerationTimings> {
  await longTasks(page); // what came before is not part of the measurement
  await page.evaluate((name) => {
    const w = window as unknown as { __gen: Clock };
    const canvas = document.querySelector('canvas[role="img"]')!;
    const buttons = [...document.querySelectorAll('button')];
    const go = buttons.find((b) => b.textContent === name)!;
    const stop = buttons.find((b) => b.textContent === 'Stop')!;
    // No named functions in here: tsx would wrap them in a __name() helper the page does not have.
    const count = Number((canvas.getAttribute('aria-label')?.match(/\d+/g) ?? [])[2] ?? 0);
    w.__gen = { t0: 0, before: count, notes: count };
    let started = false;
    go.addEventListener('click', () => (w.__gen.t0 = performance.now()), { capture: true, once: true });
    const observer = new MutationObserver(() => {
      const t = performance.now() - w.__gen.t0;
      w.__gen.notes = Number((canvas.getAttribute('aria-label')?.match(/\d+/g) ?? [])[2] ?? 0);
      if (w.__gen.notes > w.__gen.before && w.__gen.first === undefined) w.__gen.first = t;
      if (!stop.disabled) started = true;
      else if (started && w.__gen.done === undefined) {
        w.__gen.done = t;
        observer.disconnect();
      }
    });
    observer.observe(document.body, { attributes: true, subtree: true, attributeFilter: ['aria-label', 'disabled'] });
  }, button);
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.waitForFunction(() => (window as unknown as { __gen: Clock }).__gen.done !== undefined, undefined, {
    timeout: 300_000,
    polling: 100,
  });
  const c = await page.evaluate(() => (window as unknown as { __gen: Clock }).__gen);
  return {
    firstNoteMs: c.first ?? NaN,
    doneMs: c.done!,
    newNotes: c.notes - c.before,
    longTasks: await longTasks(page),
  };
}
