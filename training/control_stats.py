"""Control accuracy as MIDI-GPT reports it: for each requested bin of a header control (DENSITY, POLYPHONY,
DURATION), the share of generated tracks whose notes realise that bin, exactly and within one bin.

Reads `cantor decode --json` pieces decoded with the model's edges: each track has
controls: {requested: {density, polyphony, duration}, realised: {...}}, null where the header or the model has no
such token. A control that is null throughout is not reported: the model does not have it.
"""
KINDS = ("density", "polyphony", "duration")


CLI_NAMES = {"density": "density", "polyphony": "poly", "duration": "dur"}


def control_bins(config):
    """{kind: number of bins} of the header controls a model's config.json turns on (edges + 1 bins each)."""
    enc = config.get("encoding", {})
    return {k: len(enc[k]["edges"]) + 1 for k in KINDS if enc.get(k, {}).get("enabled") and enc[k].get("edges")}


def requested_lineups(lineups, bins):
    """Line-ups for `cantor generate --lineups` with every track asking for bins of every control the model has
    (`33:density=4:poly=1:dur=2`), cycling through each control's bins track after track so every bin is asked
    for about equally often."""
    out, k = [], 0
    for lineup in lineups:
        tracks = []
        for inst in lineup:
            tracks.append(":".join([inst] + [f"{CLI_NAMES[kind]}={k % n}" for kind, n in bins.items()]))
            k += 1
        out.append(tracks)
    return out


def control_accuracy(pieces):
    """{kind: {"bins": {bin: {tracks, exact, within_one}}, "tracks", "exact", "within_one"}} for the kinds the
    tracks both request and realise; bins as strings (JSON keys), shares over the tracks requesting them."""
    out = {}
    tracks = [t["controls"] for p in pieces for t in p["tracks"] if "controls" in t]
    for kind in KINDS:
        pairs = [(c["requested"][kind], c["realised"][kind]) for c in tracks
                 if c["requested"].get(kind) is not None and c["realised"].get(kind) is not None]
        if not pairs:
            continue
        bins = {}
        for want in sorted({w for w, _ in pairs}):
            got = [g for w, g in pairs if w == want]
            bins[str(want)] = {"tracks": len(got), "exact": sum(g == want for g in got) / len(got),
                               "within_one": sum(abs(g - want) <= 1 for g in got) / len(got)}
        out[kind] = {"bins": bins, "tracks": len(pairs),
                     "exact": sum(w == g for w, g in pairs) / len(pairs),
                     "within_one": sum(abs(w - g) <= 1 for w, g in pairs) / len(pairs)}
    return out


def control_table(accuracy):
    """Markdown: one row per control and requested bin, then the control over all its tracks."""
    lines = ["| control | requested bin | tracks | exact | within one bin |", "|---|---|---|---|---|"]
    for kind, a in accuracy.items():
        for b, v in a["bins"].items():
            lines.append(f"| {kind.upper()} | {b} | {v['tracks']} | {v['exact']:.0%} | {v['within_one']:.0%} |")
        lines.append(f"| {kind.upper()} | all | {a['tracks']} | {a['exact']:.0%} | {a['within_one']:.0%} |")
    return "\n".join(lines)
