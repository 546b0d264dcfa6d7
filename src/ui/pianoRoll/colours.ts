// One colour per track, distinct from every other track's: the chorale voices keep
// their figure colours (soprano green, alto orange, tenor blue, bass red); other
// tracks take a colour of their GM family (drums slate, bass brown, keys violet…).
// "Distinct" is measured by CIEDE2000, the difference the eye sees, not by string:
// two greens, or the violets of three pianos, count as one.
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

const DRUM_COLOURS = ['#495057', '#868e96', '#212529'];

/**
 * By GM family (program / 8): the family's colour, a darker and a lighter shade of a nearby hue, so
 * that three tracks of one family (three pianos) still differ by the rule. Piano, chromatic percussion,
 * organ, guitar, bass, strings, ensemble, brass, reed, pipe, lead, pad, fx, ethnic, percussive, sfx.
 */
const FAMILY_COLOURS: string[][] = [
  ['#7048e8', '#68046d', '#a6adfe'], // piano: keys
  ['#5f3dc4', '#9775fa'], // chromatic percussion: keys
  ['#9c36b5', '#c19ffe'], // organ: keys
  ['#0c8599', '#013e52', '#8ed1d7'], // guitar
  ['#8b5a2b', '#483703', '#dda388'], // bass
  ['#d6336c', '#78001a', '#fea8cd'], // strings
  ['#c2255c', '#fe90bf'], // ensemble, choir
  ['#c29a00', '#585f00', '#ffcf9a'], // brass
  ['#1098ad', '#034f65', '#98e4e9'], // reed
  ['#0ca678', '#015951', '#a4e7b2'], // pipe
  ['#ae3ec9', '#700053', '#ceb0ff'], // synth lead
  ['#748ffc', '#663c9e', '#c6d8fc'], // synth pad
  ['#5c7cfa', '#5c2398', '#c2d3fc'], // synth effects
  ['#99582a', '#eaa28b'], // ethnic
  ['#5c940d', '#034f1a', '#d3da76'], // percussive
  ['#adb5bd', '#343a40'], // sound effects
];

/** Colours closer than this (CIEDE2000 ΔE) count as the same. */
export const MIN_DISTANCE = 20;

function preferred(t: TrackLike): string[] {
  if (t.part && PART_COLOURS[t.part]) return PART_COLOURS[t.part];
  if (t.isDrum) return DRUM_COLOURS;
  const p = Number.isInteger(t.program) && t.program >= 0 && t.program < 128 ? t.program : 0;
  return FAMILY_COLOURS[p >> 3];
}

const isChoralePart = (t: TrackLike) =>
  t.part === 'SOPRANO' || t.part === 'ALTO' || t.part === 'TENOR' || t.part === 'BASS';

/**
 * 48 colours spread as far apart as the gamut allows: the sRGB cube in 11 steps a side, kept to lightness 25-85
 * (readable on the roll, neither black nor white), taken in farthest-first order (each the colour farthest from
 * all before it). Fixed here so that choosing among them stays cheap; the first 20 are at least 20 apart.
 */
// prettier-ignore
const DISTINCT = [
  '#0000e6', '#80e600', '#ff6600', '#4dccff', '#004d00', '#ff80ff', '#80001a', '#998000',
  '#009980', '#806680', '#e6ccb3', '#ff3366', '#6680ff', '#006680', '#664d33', '#ccccff',
  '#e6cc00', '#800066', '#80e6cc', '#339900', '#b333e6', '#999980', '#cc9999', '#cc1a00',
  '#e6991a', '#334d99', '#0099b3', '#cc4d99', '#4d664d', '#b36600', '#b3cccc', '#b3cc99',
  '#666666', '#9999b3', '#4d4d00', '#804d4d', '#00cc66', '#4d334d', '#ff80b3', '#1a99e6',
  '#b3664d', '#803300', '#99b300', '#b3004d', '#004d4d', '#4d4dff', '#b399ff', '#998066',
];
let distinct: { hex: string; lab: Lab }[] | null = null;
const distinctColours = () => (distinct ??= DISTINCT.map((hex) => ({ hex, lab: lab(hex) })));

/**
 * The DISTINCT colours by their distance to the nearest colour in use, kept up to date as colours are taken
 * (one pass over the list per colour, started only when a track's own colours first run out).
 */
class Spread {
  private nearest: Float64Array | null = null;
  private seen = 0;
  constructor(private readonly used: Lab[]) {}

  /** The DISTINCT colour farthest from every colour in use (the most distinct one left), and that distance. */
  farthest(): { hex: string; distance: number } {
    const all = distinctColours();
    this.nearest ??= new Float64Array(all.length).fill(Infinity);
    for (; this.seen < this.used.length; this.seen++) {
      const u = this.used[this.seen];
      for (let i = 0; i < all.length; i++) this.nearest[i] = Math.min(this.nearest[i], deltaE(u, all[i].lab));
    }
    let best = 0;
    for (let i = 1; i < all.length; i++) if (this.nearest[i] > this.nearest[best]) best = i;
    return { hex: all[best].hex, distance: this.nearest[best] };
  }
}

/** Line-ups seen lately: a piece being written keeps its line-up while its notes change on every step. */
const cache = new Map<string, string[]>();
const CACHE_SIZE = 32;
const lineUpKey = (tracks: readonly TrackLike[]) =>
  tracks.map((t) => (t.isDrum ? 'D' : `${t.part ?? ''}${t.program}`)).join(',');

/**
 * Colours in track order, chorale voices and drums first: each track the first of its own colours at least MIN_DISTANCE
 * from all taken (with `ownFirst`; chorale voices and drums always), else the most distinct colour left. Not `ok` when
 * no colour that far from the rest was left.
 */
function assign(tracks: readonly TrackLike[], ownFirst: boolean): { colours: string[]; ok: boolean } {
  const out: string[] = new Array(tracks.length);
  const used: Lab[] = [];
  const spread = new Spread(used);
  const free = (c: string) => used.every((u) => deltaE(u, lab(c)) >= MIN_DISTANCE);
  // Chorale voices, then drums, claim their colours first: green is a soprano and slate the drums, whatever came before.
  const rank = (t: TrackLike) => (isChoralePart(t) ? 0 : t.isDrum ? 1 : 2);
  const order = tracks.map((_, i) => i).sort((a, b) => rank(tracks[a]) - rank(tracks[b]) || a - b);
  let ok = true;
  for (const i of order) {
    let colour = ownFirst || rank(tracks[i]) < 2 ? preferred(tracks[i]).find(free) : undefined;
    if (!colour) {
      const far = spread.farthest();
      ok &&= far.distance >= MIN_DISTANCE;
      colour = far.hex;
    }
    out[i] = colour;
    used.push(lab(colour));
  }
  return { colours: out, ok };
}

/**
 * The colour of each track: its family's when that keeps every pair of tracks MIN_DISTANCE apart; when the
 * family colours have crowded the colour space (a dozen tracks and more), the most distinct colours in turn instead
 * (chorale voices keep theirs). That keeps the rule for line-ups of up to 16 tracks (colours.test.ts); past
 * that, as distinct as the DISTINCT list allows.
 */
export function trackColours(tracks: readonly TrackLike[]): string[] {
  const key = lineUpKey(tracks);
  const hit = cache.get(key);
  if (hit) return hit;
  const own = assign(tracks, true);
  const distinct = own.ok ? own : assign(tracks, false);
  const out = (distinct.ok ? distinct : own).colours;
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(key, out);
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

const labs = new Map<string, Lab>();

/** CIELAB (D65) of an sRGB colour. */
export function lab(hex: string): Lab {
  const hit = labs.get(hex);
  if (hit) return hit;
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
  const out: Lab = [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
  labs.set(hex, out);
  return out;
}

const RAD = Math.PI / 180;
const hueOf = (a: number, b: number) => (a === 0 && b === 0 ? 0 : (Math.atan2(b, a) / RAD + 360) % 360);

/** CIEDE2000 colour difference (Sharma, Wu and Dalal 2005): about 1 is just noticeable, 20 is clearly another colour. */
export function deltaE([L1, a1, b1]: Lab, [L2, a2, b2]: Lab): number {
  const cMean = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const g = 0.5 * (1 - Math.sqrt(cMean ** 7 / (cMean ** 7 + 25 ** 7)));
  const [a1p, a2p] = [(1 + g) * a1, (1 + g) * a2];
  const [c1, c2] = [Math.hypot(a1p, b1), Math.hypot(a2p, b2)];
  const [h1, h2] = [hueOf(a1p, b1), hueOf(a2p, b2)];
  const chromatic = c1 * c2 !== 0;
  let dh = chromatic ? h2 - h1 : 0;
  if (dh > 180) dh -= 360;
  else if (dh < -180) dh += 360;
  const dH = 2 * Math.sqrt(c1 * c2) * Math.sin((dh * RAD) / 2);
  const lMean = (L1 + L2) / 2;
  const cpMean = (c1 + c2) / 2;
  let hMean = h1 + h2;
  if (chromatic) hMean = Math.abs(h1 - h2) > 180 ? (hMean < 360 ? hMean + 360 : hMean - 360) / 2 : hMean / 2;
  const t =
    1 -
    0.17 * Math.cos((hMean - 30) * RAD) +
    0.24 * Math.cos(2 * hMean * RAD) +
    0.32 * Math.cos((3 * hMean + 6) * RAD) -
    0.2 * Math.cos((4 * hMean - 63) * RAD);
  const rotation = 30 * Math.exp(-(((hMean - 275) / 25) ** 2));
  const rc = 2 * Math.sqrt(cpMean ** 7 / (cpMean ** 7 + 25 ** 7));
  const sl = 1 + (0.015 * (lMean - 50) ** 2) / Math.sqrt(20 + (lMean - 50) ** 2);
  const sc = 1 + 0.045 * cpMean;
  const sh = 1 + 0.015 * cpMean * t;
  const rt = -Math.sin(2 * rotation * RAD) * rc;
  const [l, c, h] = [(L2 - L1) / sl, (c2 - c1) / sc, dH / sh];
  return Math.sqrt(l * l + c * c + h * h + rt * c * h);
}

/** The colour mixed towards black (amount < 0) or white (amount > 0). */
export function shade(hex: string, amount: number): string {
  const target = amount < 0 ? 0 : 255;
  const t = Math.abs(amount);
  return toHex(parseHex(hex).map((c) => c + (target - c) * t) as Rgb);
}
