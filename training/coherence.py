"""Does the music hold together? Repetition within composed pieces, and how continuations relate to the bars
before the cut, each next to the same figure for real music (issue 16).

Pure functions on notes {pitch, start, duration} with times in sixteenths (16 to a 4/4 bar): a decoded piece
(`cantor decode --json`) as it is, a continuation report (`cantor generate --prompt … --json`,
src/cli/continueReport.ts) after `report_steps`. A bar is the notes that start in it; its "exact" content is the
set of (pitch, onset step, length within the bar) and its "onsets" the set of (pitch, onset step). Bars with no
note starting in them are rests: they are not counted as repeats, and they are left out of the shares.
"""
import numpy as np

STEPS = 16  # sixteenths in a 4/4 bar (the app's grid)


def bars_of(notes, first, count):
    """`count` bars from bar `first`: per bar (exact set, onset set)."""
    out = [(set(), set()) for _ in range(count)]
    for n in notes:
        b = n["start"] // STEPS - first
        if 0 <= b < count:
            step = n["start"] % STEPS
            out[b][0].add((n["pitch"], step, min(n["duration"], STEPS - step)))
            out[b][1].add((n["pitch"], step))
    return out


def jaccard(a, b):
    return len(a & b) / len(a | b) if a or b else None


def cosine(a, b):
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    return float(np.dot(a, b) / (na * nb)) if na and nb else None


def f1(predicted, real):
    """F1 of a predicted set against the real one (None when both are empty)."""
    if not predicted and not real:
        return None
    hit = len(predicted & real)
    return 2 * hit / (len(predicted) + len(real))


def mean(xs):
    xs = [x for x in xs if x is not None]
    return float(np.mean(xs)) if xs else None


def bar_pairs(bars):
    """{(bar number, pitch, onset step)} of bars_of()'s bars: the notes to match for onset F1."""
    return {(k, p, step) for k, (_, onsets) in enumerate(bars) for p, step in onsets}


def track_repetition(notes, bars):
    """For bars 2..bars of one track that have notes: (exactly repeats an earlier bar, best Jaccard of its onset
    set with an earlier bar's)."""
    held = bars_of(notes, 0, bars)
    out = []
    for b in range(1, bars):
        exact, onsets = held[b]
        if not onsets:
            continue
        out.append((any(exact == e for e, _ in held[:b]), max(jaccard(onsets, o) for _, o in held[:b])))
    return out


def window_repetition(pieces):
    """Over every track of the decoded pieces: the share of bars 2..n (with notes) that exactly repeat an
    earlier bar of their track, and the mean best Jaccard overlap with an earlier bar."""
    rows = [r for p in pieces for t in p["tracks"] for r in track_repetition(t["notes"], p["bars"])]
    return {"bars": len(rows), "exact_repeat_share": mean([float(e) for e, _ in rows]),
            "best_jaccard": mean([j for _, j in rows])}


def onset_histogram(notes):
    h = np.zeros(STEPS)
    for n in notes:
        h[n["start"] % STEPS] += 1
    return h


def pitch_class_histogram(notes):
    h = np.zeros(12)
    for n in notes:
        h[n["pitch"] % 12] += 1
    return h


def report_steps(report):
    """A continuation report's tracks with note times in sixteenths from the context's first bar (recentFrom),
    and `first_new`, the first new bar: the context is bars 0..first_new-1 (4, or fewer in a short song)."""
    tick = report["ppq"] / 4
    at = lambda t: round((t - report["recentFrom"]) / tick)  # noqa: E731
    steps = lambda notes: [{"pitch": n["pitch"], "start": at(n["start"]), "duration": max(1, round(n["duration"] / tick))}  # noqa: E731
                           for n in notes or []]
    tracks = [{**t, "recent": steps(t["recent"]), "added": steps(t["added"]),
               "real": None if t["real"] is None else steps(t["real"])} for t in report["tracks"]]
    return {"first_new": at(report["from"]) // STEPS, "tracks": tracks}


def against_context(context, new, first_new, bars, drums):
    """How `new` notes (bars first_new..first_new+bars-1) relate to the context's notes (bars 0..first_new-1):
    mean best Jaccard of each new bar with a context bar, onset-position and pitch-class histogram cosines."""
    ctx = [o for _, o in bars_of(context, 0, first_new) if o]
    nb = [o for _, o in bars_of(new, first_new, bars) if o]
    return {"bar_overlap": mean([max(jaccard(b, c) for c in ctx) for b in nb]) if ctx else None,
            "onset_cosine": cosine(onset_histogram(new), onset_histogram(context)),
            "pitch_class_cosine": None if drums else cosine(pitch_class_histogram(new), pitch_class_histogram(context))}


def continuation_coherence(reports, bars=4):
    """Per track that sounds in the 4 bars before the cut, means over tracks: the model's new bars and (when the
    song was cut) the song's real next bars against those 4 bars, and onset F1 ((pitch, onset step) pairs)
    against the real next bars for the model and for repeating the last 4 bars."""
    rows = {"generated": [], "real": []}
    f1s = {"model": [], "repeat_last_bars": []}
    for r in map(report_steps, reports):
        first = r["first_new"]
        for t in r["tracks"]:
            if not t["recent"]:
                continue
            for side, key in (("generated", "added"), ("real", "real")):
                if t[key] is not None:
                    rows[side].append(against_context(t["recent"], t[key], first, bars, t["isDrum"]))
            if t["real"] is None:
                continue
            real = bar_pairs(bars_of(t["real"], first, bars))
            # Repeating the last bars: context bar k (mod the context's bars) is played again as new bar k.
            ctx = bars_of(t["recent"], 0, first)
            repeat = bar_pairs([ctx[k % first] for k in range(bars)]) if first else set()
            f1s["model"].append(f1(bar_pairs(bars_of(t["added"], first, bars)), real))
            f1s["repeat_last_bars"].append(f1(repeat, real))
    out = {side: {"tracks": len(v), **{k: mean([x[k] for x in v]) for k in
                                       ("bar_overlap", "onset_cosine", "pitch_class_cosine")}}
           for side, v in rows.items()}
    out["onset_f1"] = {k: mean(v) for k, v in f1s.items()}
    out["onset_f1"]["tracks"] = len([x for x in f1s["model"] if x is not None])
    return out
