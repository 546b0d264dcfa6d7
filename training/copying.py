"""Does the model copy? Held-out NLL per token on bars that exactly repeat an earlier bar of the same track in
the window, against fresh bars (issue 16: a model that has learned that songs repeat themselves finds a repeated
bar cheap).

Works on a window's token strings (the mmmtrack grammar of docs/FORMATS.md): a track runs TRACK_START …
TRACK_END, a bar BAR_START … BAR_END. A bar's tokens are its events and its BAR_END (what the model predicts
inside the bar); BAR_START is left out, as it follows every BAR_END alike. Bars without a NOTE_ON (rests) and
bar-infilling bars are neither repeated nor fresh: a silent bar "repeating" a silent bar says nothing about
copying music.
"""
import numpy as np

OTHER, REPEATED, FRESH = 0, 1, 2


def track_bars(tokens):
    """[(track number, first event index, BAR_END index)] for every bar of every track of a window, in order.
    The FILL_START … FILL_END section after the tracks has no tracks and is skipped."""
    bars, track, start = [], -1, None
    for i, t in enumerate(tokens):
        if t == "TRACK_START":
            track += 1
        elif t == "FILL_START":
            break
        elif t == "BAR_START":
            start = i + 1
        elif t == "BAR_END" and start is not None:
            bars.append((track, start, i))
            start = None
    return bars


def bar_classes(tokens):
    """One class per token: REPEATED for the tokens of a bar whose events exactly equal an earlier bar's of the
    same track, FRESH for the tokens of any other bar with notes, OTHER for the rest (headers, rests, fills)."""
    classes = np.full(len(tokens), OTHER, dtype=np.int8)
    seen = {}
    for track, start, end in track_bars(tokens):
        events = tuple(tokens[start:end])
        if not any(e.startswith("NOTE_ON=") for e in events):
            continue
        earlier = seen.setdefault(track, set())
        classes[start : end + 1] = REPEATED if events in earlier else FRESH
        earlier.add(events)
    return classes


def copy_nll(windows, nlls):
    """{repeated, fresh: {nats_per_token, tokens, bars}, gap} over windows (token string lists) and their
    per-token NLL (token_nll: entry j is token j + 1; the first token is never predicted)."""
    sums, counts, bars = np.zeros(3), np.zeros(3, dtype=np.int64), np.zeros(3, dtype=np.int64)
    for tokens, nll in zip(windows, nlls):
        classes = bar_classes(tokens)
        predicted = classes[1 : len(nll) + 1]  # the class of each token the NLL is of
        for c in (REPEATED, FRESH):
            sums[c] += float(nll[predicted == c].sum())
            counts[c] += int((predicted == c).sum())
        for _, start, end in track_bars(tokens):
            if end <= len(nll) and classes[start] != OTHER:  # whole bars within the (cut) window only
                bars[classes[start]] += 1
    out = {}
    for name, c in (("repeated", REPEATED), ("fresh", FRESH)):
        out[name] = {"nats_per_token": float(sums[c] / counts[c]) if counts[c] else None,
                     "tokens": int(counts[c]), "bars": int(bars[c])}
    r, f = out["repeated"]["nats_per_token"], out["fresh"]["nats_per_token"]
    out["gap"] = f - r if r is not None and f is not None else None
    return out
