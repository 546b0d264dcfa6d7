// The vertical lines of the time axis (bars, beats, sixteenths on the score's real bar
// lines), shared by the pitched roll and the drum lane so that both keep one grid.
import { barIndexAt, type Bar } from '../../music/meter';
import { noteRight, tickToX, visibleTicks, type RollView } from './geometry';

const GRID_BAR = '#7d7d73';
const GRID_BEAT = '#d9d9cf';
const GRID_STEP = '#ececE4';

/** Bar, beat and (zoomed in) sixteenth lines across the note area, from `top` to `bottom`. */
export function drawTimeLines(
  ctx: CanvasRenderingContext2D,
  v: RollView,
  bars: readonly Bar[],
  ppq: number,
  top: number,
  bottom: number,
): void {
  const [t0, t1] = visibleTicks(v);
  const [left, right] = [v.keysWidth, noteRight(v)];
  for (let i = barIndexAt(bars, t0); i < bars.length && bars[i].start <= t1; i++) {
    const bar = bars[i];
    const beat = (ppq * 4) / bar.denominator;
    const sixteenth = ppq / 4;
    const lines: [number, string][] = [];
    if (sixteenth * v.pxPerTick >= 12) for (let t = bar.start; t < bar.end; t += sixteenth) lines.push([t, GRID_STEP]);
    if (beat * v.pxPerTick >= 6) for (let t = bar.start; t < bar.end; t += beat) lines.push([t, GRID_BEAT]);
    lines.push([bar.start, GRID_BAR]);
    for (const [t, colour] of lines) {
      const x = Math.round(tickToX(v, t));
      if (x < left || x >= right) continue;
      ctx.fillStyle = colour;
      ctx.fillRect(x, top, 1, bottom - top);
    }
  }
}
