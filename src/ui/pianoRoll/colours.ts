// One colour per track, distinct from every other track's: the chorale voices keep
// their figure colours (soprano green, alto orange, tenor blue, bass red); other
// tracks take a colour of their GM family (drums slate, bass brown, keys violet…).
// "Distinct" is measured in CIELAB, not by string, so two greens count as one.
import type { Track } from '../../music/score';

type TrackLike = Pick<Track, 'part' | 'program' | 'isDrum'>;

/** The chorale figure's colours, then other shades of each voice's hue for a repeated part. */
const PART_COLOURS: Record<string, string[]> = {
  SOPRANO: ['#2f9e44', '#74b816', '#087f5b', '#1b5e20'],
  ALTO: ['#f08c00', '#ffa94d', '#b35900'],
  TENOR: ['#1c7ed6', '#74c0fc', '#1c3f8c'],
  BASS: ['#e03131', '#ff8787', '#a51111'],
  MELODY: ['#c2255c', '#f783ac'],
  BRIDGE: ['#ae3ec9', '#e599f7'],
  PIANO: ['#7048e8', '#b197fc'],
};
const CHORALE = new Set(['#2f9e44', '#f08c00', '#1c7ed6', '#e03131']);

const DRUM_COLOURS = ['#495057', '#868e96', '#212529'];

/** By GM family (program / 8), the pale shade last: piano, chromatic percussion, organ, guitar, bass, strings, ensemble, brass, reed, pipe, lead, pad, fx, ethnic, percussive, sfx. */
const FAMILY_COLOURS: string[][] = [
  ['#7048e8', '#4527a0', '#b197fc'], // piano: keys
  ['#5f3dc4', '#9775fa'], // chromatic percussion: keys
  ['#9c36b5', '#da77f2'], // organ: keys
  ['#0c8599', '#0b525b', '#66d9e8'], // guitar
  ['#8b5a2b', '#5c3a1a', '#c08552'], // bass
  ['#d6336c', '#87193d', '#faa2c1'], // strings
  ['#c2255c', '#f06595'], // ensemble, choir
  ['#c29a00', '#7a6000', '#ffd43b'], // brass
  ['#1098ad', '#3bc9db'], // reed
  ['#0ca678', '#63e6be'], // pipe
  ['#ae3ec9', '#6b1f7c', '#e599f7'], // synth lead
  ['#748ffc', '#364fc7', '#bac8ff'], // synth pad
  ['#5c7cfa', '#91a7ff'], // synth effects
  ['#99582a', '#d9a066'], // ethnic
  ['#5c940d', '#a9e34b'], // percussive
  ['#adb5bd', '#343a40'], // sound effects
];

/** Colours no family prefers, tried in order when a track's own are taken. */
const SPARE = [
  '#e8590c',
  '#1864ab',
  '#20c997',
  '#862e9c',
  '#fab005',
  '#3b5bdb',
  '#d9480f',
  '#66a80f',
  '#a61e4d',
  '#15aabf',
  '#f06595',
  '#2b8a3e',
];

/** Colours closer than this (CIE76 ΔE) count as the same. */
export const MIN_DISTANCE = 20;

function preferred(t: TrackLike): string[] {
  if (t.part && PART_COLOURS[t.part]) return PART_COLOURS[t.part];
  if (t.isDrum) return DRUM_COLOURS;
  const p = Number.isInteger(t.program) && t.program >= 0 && t.program < 128 ? t.program : 0;
  return FAMILY_COLOURS[p >> 3];
}

const isChoralePart = (t: TrackLike) =>
  t.part === 'SOPRANO' || t.part === 'ALTO' || t.part === 'TENOR' || t.part === 'BASS';

/** Hue steps of the golden angle: an endless supply of new colours once the lists run out. */
function generated(i: number): string {
  const hue = (i * 137.508 + 20) % 360;
  return hsl(hue, 0.65, i % 2 ? 0.42 : 0.58);
}

const cache = new WeakMap<readonly TrackLike[], string[]>();

/** The colour of each track, in track order: chorale voices first claim theirs, then the rest in order. */
export function trackColours(tracks: readonly TrackLike[]): string[] {
  const hit = cache.get(tracks);
  if (hit) return hit;
  const out: string[] = new Array(tracks.length);
  const used: Lab[] = [];
  const free = (c: string) => used.every((u) => deltaE(u, lab(c)) >= MIN_DISTANCE);
  const order = tracks
    .map((_, i) => i)
    .sort((a, b) => Number(isChoralePart(tracks[b])) - Number(isChoralePart(tracks[a])) || a - b);
  let spareGen = 0;
  for (const i of order) {
    const own = preferred(tracks[i]);
    // Only chorale voices wear the chorale colours, so green always means a soprano.
    const pool = [...own, ...SPARE, ...FAMILY_COLOURS.flat()].filter(
      (c) => isChoralePart(tracks[i]) || !CHORALE.has(c),
    );
    let colour = pool.find(free);
    while (!colour && spareGen < 720) {
      const c = generated(spareGen++);
      if (free(c)) colour = c;
    }
    colour ??= generated(spareGen++);
    out[i] = colour;
    used.push(lab(colour));
  }
  cache.set(tracks, out);
  return out;
}

// --- colour arithmetic -----------------------------------------------------------

type Rgb = [number, number, number];
type Lab = [number, number, number];

export function parseHex(hex: string): Rgb {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const toHex = (rgb: Rgb) =>
  '#' +
  rgb
    .map((c) =>
      Math.round(Math.max(0, Math.min(255, c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('');

function hsl(h: number, s: number, l: number): string {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return toHex([f(0) * 255, f(8) * 255, f(4) * 255]);
}

export function lab(hex: string): Lab {
  const lin = parseHex(hex).map((c) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  const [r, g, b] = lin;
  const xyz = [
    (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
    0.2126 * r + 0.7152 * g + 0.0722 * b,
    (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
  ];
  const [fx, fy, fz] = xyz.map((t) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116));
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

export function deltaE(a: Lab, b: Lab): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** The colour mixed towards black (amount < 0) or white (amount > 0). */
export function shade(hex: string, amount: number): string {
  const target = amount < 0 ? 0 : 255;
  const t = Math.abs(amount);
  return toHex(parseHex(hex).map((c) => c + (target - c) * t) as Rgb);
}
