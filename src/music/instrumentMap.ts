// Maps an uploaded Score's tracks onto the instruments a model knows, without
// touching a single note: the model sees a "view" of the mapped tracks, and the
// notes it writes are merged back into the full score afterwards.
import { MusicError } from './errors';
import { familyOf, GM_FAMILIES, programName } from './gm';
import { isPartName, partLabel, type PartName } from './parts';
import type { Score, Track, Note } from './score';
import { budgetTracks, trackRoles } from './trackBudget';

export interface TrackMapping {
  /** Index of the track in the full score. */
  source: number;
  /** The INST value the model sees, e.g. 'SOPRANO', '0', 'DRUMS'. */
  inst: string;
  /** Set when the model does not know the track's own program and plays it as another of its GM family. */
  fallbackFrom?: number;
}

export interface InstrumentMap {
  mapping: TrackMapping[];
  /** `shared`: a reason several tracks have (the track budget), said once for all of them in the notice. */
  dropped: { source: number; reason: string; shared?: { why: string; detail: string } }[];
  /** One sentence for the user: what was mapped, what was dropped. */
  notice: string;
}

// Typical mean pitches of the four chorale voices (Bach chorales, JSB data set).
const VOICE_CENTRES: Partial<Record<PartName, number>> = { SOPRANO: 69, ALTO: 63, TENOR: 57, BASS: 49 };

function meanPitch(t: Track): number {
  return t.notes.reduce((s, n) => s + n.pitch, 0) / t.notes.length;
}

/** Order-preserving choice of k of the parts (high to low) closest to the tracks' mean pitches (high to low). */
function assignByPitch(means: number[], parts: PartName[]): PartName[] {
  const k = means.length;
  let best: PartName[] = parts.slice(0, k);
  let bestCost = Infinity;
  const pick = (from: number, chosen: PartName[]) => {
    if (chosen.length === k) {
      const cost = chosen.reduce((c, p, i) => c + Math.abs((VOICE_CENTRES[p] ?? 60 - i * 6) - means[i]), 0);
      if (cost < bestCost) [best, bestCost] = [chosen, cost];
      return;
    }
    for (let i = from; i <= parts.length - (k - chosen.length); i++) pick(i + 1, [...chosen, parts[i]]);
  };
  pick(0, []);
  return best;
}

/**
 * The program of `program`'s GM family that the model knows and that is nearest to it (the lower
 * one on a tie: families run from the plain instrument to its variants), or null.
 */
export function sameFamilyFallback(program: number, known: ReadonlySet<string>): number | null {
  const first = familyOf(program) * 8;
  let best: number | null = null;
  for (let p = first; p < first + 8; p++)
    if (known.has(String(p)) && (best === null || Math.abs(p - program) < Math.abs(best - program))) best = p;
  return best;
}

function gmInst(t: Track, known: Set<string>): { inst: string; fallbackFrom?: number } | null {
  if (t.isDrum) return known.has('DRUMS') ? { inst: 'DRUMS' } : null;
  if (t.part && known.has(t.part)) return { inst: t.part };
  if (known.has(String(t.program))) return { inst: String(t.program) };
  const p = sameFamilyFallback(t.program, known);
  return p === null ? null : { inst: String(p), fallbackFrom: t.program };
}

/**
 * Keep at most `maxTracks` of the mapped tracks, by role as the corpus-side budget does (trackBudget.ts):
 * one drum track, the bass, the melody or lead, then the busiest of the rest. The rest are dropped with their role.
 */
function budgetMapping(
  score: Score,
  mapping: TrackMapping[],
  maxTracks: number,
  dropped: InstrumentMap['dropped'],
): TrackMapping[] {
  // Tick onsets serve the budget's shape measures as well as grid steps: it counts distinct onsets and mean pitch.
  const piece = { bars: 0, tracks: mapping.map((m) => ({ inst: m.inst, notes: score.tracks[m.source].notes })) };
  const left = budgetTracks(piece, maxTracks).dropped;
  if (left.length === 0) return mapping;
  const roles = trackRoles(piece);
  const why = `over the model's budget of ${maxTracks} tracks (kept first: drums, bass, melody, then the busiest)`;
  for (const j of left)
    dropped.push({ source: mapping[j].source, reason: `${roles[j]}, ${why}`, shared: { why, detail: roles[j] } });
  return mapping.filter((_, j) => !left.includes(j));
}

/**
 * Decide which tracks the model plays and as what; with a track budget (the model's maxTracks) at most
 * that many, chosen by role. Throws MusicError('no-tracks') when none fits.
 */
export function mapInstruments(
  score: Score,
  modelInstruments: readonly string[],
  maxTracks: number | null = null,
): InstrumentMap {
  const known = new Set(modelInstruments);
  const parts = [...known].filter(isPartName);
  const partsOnly = parts.length > 0 && parts.length === known.size;
  const dropped: InstrumentMap['dropped'] = [];
  const candidates: number[] = [];
  score.tracks.forEach((t, i) => {
    if (t.notes.length === 0) dropped.push({ source: i, reason: 'no notes' });
    else if (partsOnly && t.isDrum) dropped.push({ source: i, reason: 'drums' });
    else candidates.push(i);
  });

  let mapping: TrackMapping[] = [];
  if (partsOnly) {
    // Busiest tracks first; the model has one slot per part.
    const kept = [...candidates]
      .sort((a, b) => score.tracks[b].notes.length - score.tracks[a].notes.length)
      .slice(0, parts.length);
    for (const i of candidates)
      if (!kept.includes(i)) dropped.push({ source: i, reason: `the model has only ${parts.length} parts` });
    const named = kept.map((i) => score.tracks[i].part);
    if (named.every((p) => p !== undefined && known.has(p)) && new Set(named).size === named.length) {
      // Tracks that already say which voice they are (a piece this app wrote) keep it.
      mapping = kept.map((source, j) => ({ source, inst: named[j]! }));
    } else {
      kept.sort((a, b) => meanPitch(score.tracks[b]) - meanPitch(score.tracks[a]));
      const chosen = assignByPitch(
        kept.map((i) => meanPitch(score.tracks[i])),
        parts,
      );
      mapping = kept.map((source, j) => ({ source, inst: chosen[j] }));
    }
  } else {
    for (const i of candidates) {
      const m = gmInst(score.tracks[i], known);
      if (m === null)
        dropped.push({
          source: i,
          reason: `${programName(score.tracks[i].program)}: the model knows no ${GM_FAMILIES[familyOf(score.tracks[i].program)] ?? 'such'} instrument`,
        });
      else mapping.push({ source: i, ...m });
    }
    if (maxTracks !== null && maxTracks >= 1) mapping = budgetMapping(score, mapping, maxTracks, dropped);
  }
  dropped.sort((a, b) => a.source - b.source);
  if (mapping.length === 0)
    throw new MusicError('no-tracks', 'no tracks the model can play: ' + describeDropped(score, dropped));
  mapping.sort((a, b) => a.source - b.source);
  const mapped = mapping.map((m) => mappedAs(score, m)).join(', ');
  const notice =
    `Mapped ${mapped}.` + (dropped.length ? ` Not used by the model: ${describeDropped(score, dropped)}.` : '');
  return { mapping, dropped, notice };
}

function label(inst: string): string {
  if (inst === 'DRUMS') return 'Drums';
  return isPartName(inst) ? partLabel(inst) : programName(Number(inst));
}

/** Never silent: a track played as another instrument says so. */
function fallbackNote(m: TrackMapping): string {
  if (m.fallbackFrom === undefined) return '';
  return ` (the model does not know ${programName(m.fallbackFrom)}; nearest ${GM_FAMILIES[familyOf(m.fallbackFrom)]} it knows)`;
}

const trackName = (score: Score, source: number) => score.tracks[source].name || `track ${source + 1}`;

/** "Piano → Acoustic Grand Piano", with the fallback said. */
const mappedAs = (score: Score, m: TrackMapping) =>
  `${trackName(score, m.source)} → ${label(m.inst)}${fallbackNote(m)}`;

function describeDropped(score: Score, dropped: InstrumentMap['dropped']): string {
  if (dropped.length === 0) return 'the file has no tracks';
  const name = (d: { source: number }) => trackName(score, d.source);
  const own = dropped.filter((d) => !d.shared).map((d) => `${name(d)} (${d.reason})`);
  // Seven tracks over the budget make one clause, not seven copies of the same reason.
  const groups = new Map<string, string[]>();
  for (const d of dropped)
    if (d.shared) groups.set(d.shared.why, [...(groups.get(d.shared.why) ?? []), `${name(d)} (${d.shared.detail})`]);
  const shared = [...groups].map(([why, names]) => `${names.join(', ')}: ${why}`);
  return [own.join(', '), ...shared].filter(Boolean).join('; ');
}

/** A mapping this size (and nothing left out) is said in full in one line; a larger one as a summary with a list. */
const SAID_IN_FULL = 4;

/**
 * The map for the notice line: the whole sentence when short, else a summary (counts, and the reason when the
 * tracks left out share one) with one line per track of the file, in file order, to show on request.
 */
export function mapMessage(score: Score, map: InstrumentMap): { text: string; details: string[] } {
  if (map.dropped.length === 0 && map.mapping.length <= SAID_IN_FULL) return { text: map.notice, details: [] };
  const whys = new Set(map.dropped.map((d) => d.shared?.why ?? d.reason));
  const why = whys.size === 1 ? [...whys][0] : null;
  const count = (n: number) => `${n} track${n === 1 ? '' : 's'}`;
  const left = map.dropped.length
    ? `; ${map.dropped.length} not used by the model${why ? `: ${why}` : ' (see the list)'}`
    : '';
  // The reason all left-out tracks share is in the summary already: each line gives only the track's own part of it.
  const droppedAs = (d: InstrumentMap['dropped'][number]) =>
    `${trackName(score, d.source)}: not used (${why && d.shared ? d.shared.detail : d.reason})`;
  const lines = [
    ...map.mapping.map((m) => ({ source: m.source, line: mappedAs(score, m) })),
    ...map.dropped.map((d) => ({ source: d.source, line: droppedAs(d) })),
  ];
  lines.sort((a, b) => a.source - b.source);
  return { text: `Mapped ${count(map.mapping.length)}${left}.`, details: lines.map((l) => l.line) };
}

/** Mark the mapped tracks with their part (metadata only; notes untouched). */
export function labelTracks(score: Score, map: InstrumentMap): Score {
  const tracks = score.tracks.map((t, i) => {
    const m = map.mapping.find((x) => x.source === i);
    return m && isPartName(m.inst) ? { ...t, part: m.inst } : t;
  });
  return { ...score, tracks };
}

/** The score the model sees: only the mapped tracks, each carrying its INST as part/program/isDrum. */
export function modelView(score: Score, map: InstrumentMap): Score {
  const tracks = map.mapping.map(({ source, inst }): Track => {
    const t = score.tracks[source];
    if (isPartName(inst)) return { ...t, part: inst };
    if (inst === 'DRUMS') return { ...t, isDrum: true, part: undefined };
    return { ...t, program: Number(inst), isDrum: false, part: undefined };
  });
  return { ...score, tracks };
}

const noteKey = (n: Note) => `${n.pitch}:${n.start}:${n.duration}:${n.velocity}`;

/** Notes in `after` that are not in `before` (multiset difference). */
export function addedNotes(before: readonly Note[], after: readonly Note[]): Note[] {
  const count = new Map<string, number>();
  for (const n of before) count.set(noteKey(n), (count.get(noteKey(n)) ?? 0) + 1);
  const added: Note[] = [];
  for (const n of after) {
    const k = noteKey(n);
    const c = count.get(k) ?? 0;
    if (c > 0) count.set(k, c - 1);
    else added.push(n);
  }
  return added;
}

/** Put the notes the model added to `view` (giving `result`) back into the full score's tracks. */
export function mergeIntoFull(full: Score, map: InstrumentMap, view: Score, result: Score): Score {
  const tracks = full.tracks.map((t) => ({ ...t, notes: [...t.notes] }));
  map.mapping.forEach(({ source }, j) => {
    const added = addedNotes(view.tracks[j].notes, result.tracks[j]?.notes ?? []);
    if (added.length)
      tracks[source].notes = [...tracks[source].notes, ...added].sort((a, b) => a.start - b.start || a.pitch - b.pitch);
  });
  return { ...full, tracks };
}
