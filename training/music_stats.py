"""Musical statistics of decoded pieces (notes on the 16th grid, as `cantor decode --json` writes them).

Pure functions on note data: a piece is {"bars": n, "tracks": [{"inst": "SOPRANO", "notes": [...]}]}
with note times in sixteenths. Voices are compared by INST name; chorale voices are SATB top-down.
"""
import numpy as np

STEPS_PER_BAR = 16
SATB = ["SOPRANO", "ALTO", "TENOR", "BASS"]


def voice_rolls(piece, voices):
    """{voice: int array [steps]} of the highest sounding pitch per sixteenth, -1 for silence."""
    steps = piece["bars"] * STEPS_PER_BAR
    rolls = {}
    for t in piece["tracks"]:
        if t["inst"] not in voices:
            continue
        roll = rolls.setdefault(t["inst"], np.full(steps, -1, dtype=np.int64))
        for n in t["notes"]:
            a, b = n["start"], min(steps, n["start"] + n["duration"])
            roll[a:b] = np.maximum(roll[a:b], n["pitch"])
    return rolls


def onset_steps(piece):
    return sorted({n["start"] for t in piece["tracks"] for n in t["notes"]})


def parallel_count(piece, voices):
    """Parallel fifths and octaves (incl. unisons): both voices move in the same direction between
    consecutive onsets and keep the same interval class, 7 or 0 semitones mod 12."""
    rolls = voice_rolls(piece, voices)
    names = [v for v in voices if v in rolls]
    times = onset_steps(piece)
    fifths = octaves = 0
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            a, b = rolls[names[i]], rolls[names[j]]
            for t1, t2 in zip(times, times[1:]):
                p1, p2, q1, q2 = a[t1], a[t2], b[t1], b[t2]
                if min(p1, p2, q1, q2) < 0 or p1 == p2 or q1 == q2 or (p2 - p1) * (q2 - q1) <= 0:
                    continue
                i1, i2 = (p1 - q1) % 12, (p2 - q2) % 12
                if i1 == i2 == 7:
                    fifths += 1
                elif i1 == i2 == 0:
                    octaves += 1
    return fifths, octaves


def crossing_steps(piece, voices):
    """(sixteenths where some adjacent pair is crossed, sixteenths where some adjacent pair both sound)."""
    rolls = voice_rolls(piece, voices)
    names = [v for v in voices if v in rolls]
    crossed = np.zeros(piece["bars"] * STEPS_PER_BAR, dtype=bool)
    both = np.zeros_like(crossed)
    for upper, lower in zip(names, names[1:]):
        u, w = rolls[upper], rolls[lower]
        sounding = (u >= 0) & (w >= 0)
        both |= sounding
        crossed |= sounding & (u < w)
    return int(crossed.sum()), int(both.sum())


def polyphony(piece):
    """Mean number of sounding notes over the sixteenths where at least one note sounds."""
    steps = piece["bars"] * STEPS_PER_BAR
    count = np.zeros(steps, dtype=np.int64)
    for t in piece["tracks"]:
        for n in t["notes"]:
            count[n["start"] : min(steps, n["start"] + n["duration"])] += 1
    active = count[count > 0]
    return float(active.mean()) if active.size else 0.0


def pitch_class_histogram(pieces):
    """Duration-weighted 12-bin pitch-class distribution over all notes of all pieces."""
    h = np.zeros(12)
    for p in pieces:
        for t in p["tracks"]:
            for n in t["notes"]:
                h[n["pitch"] % 12] += n["duration"]
    return h / h.sum() if h.sum() else h


def histogram_distance(p, q):
    """Total variation distance (half the L1 distance): 0 same, 1 disjoint."""
    return float(0.5 * np.abs(np.asarray(p) - np.asarray(q)).sum())


def summarize(pieces, voices=SATB):
    """The statistics of one set of pieces, as plain floats for JSON."""
    bars = sum(p["bars"] for p in pieces) or 1
    per_voice = {}
    for v in voices:
        pitches = [n["pitch"] for p in pieces for t in p["tracks"] if t["inst"] == v for n in t["notes"]]
        if pitches:
            per_voice[v] = {"low": int(np.percentile(pitches, 5)), "high": int(np.percentile(pitches, 95)),
                            "min": int(min(pitches)), "max": int(max(pitches)), "mean": float(np.mean(pitches)),
                            "notes_per_bar": len(pitches) / bars}
    par = [parallel_count(p, voices) for p in pieces]
    cross = [crossing_steps(p, voices) for p in pieces]
    notes = sum(len(t["notes"]) for p in pieces for t in p["tracks"])
    return {
        "pieces": len(pieces),
        "notes_per_bar": notes / bars,
        "polyphony": float(np.mean([polyphony(p) for p in pieces])) if pieces else 0.0,
        "voice_crossing_rate": sum(c for c, _ in cross) / max(1, sum(b for _, b in cross)),
        "parallel_fifths_per_bar": sum(f for f, _ in par) / bars,
        "parallel_octaves_per_bar": sum(o for _, o in par) / bars,
        "pitch_class_histogram": pitch_class_histogram(pieces).round(4).tolist(),
        "voices": per_voice,
    }
