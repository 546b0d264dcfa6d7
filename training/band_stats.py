"""Music statistics of GM (multi-instrument) pieces, per instrument role, and of continuations of real songs.

Pure functions on note data. A decoded piece is {"bars": n, "tracks": [{"inst": "DRUMS" | "33", "notes": [...]}]}
with note times in sixteenths (`cantor decode --json`). A continuation report is one entry of
`cantor generate --prompt … --json` (src/cli/continueReport.ts), note times in ticks.
Roles follow the app and corpus side (src/music/trackBudget.ts trackRoles): every drum track is drums, then
at most one bass and one melody, the rest harmony. Python classifies decoded tracks; it never re-tokenizes.
"""
import numpy as np

from music_stats import histogram_distance, polyphony

ROLES = ["drums", "bass", "melody", "harmony"]
BASS_FAMILY, LEAD_FAMILY = 4, 10  # GM families by program // 8: bass 32-39, synth lead 80-87
MONOPHONIC = 1.25  # fewer notes than this per distinct onset: (nearly) one voice
BASS_CEILING = 52  # a bass without a bass program has a mean pitch below E3
MELODY_FLOOR = 55  # a melody without a lead program has a mean pitch at or above G3
KICK, SNARE, HAT = {35, 36}, {37, 38, 40}, {42, 44, 46}
REGISTER_SEMITONES = 7  # the app's register guard (src/model/protocol.ts DEFAULT_REGISTER)


def _shape(track):
    inst, notes = track["inst"], track["notes"]
    family = int(inst) // 8 if inst.isdigit() else None
    onsets = len({n["start"] for n in notes})
    mean = sum(n["pitch"] for n in notes) / max(1, len(notes))
    return family, mean, len(notes) / max(1, onsets)


def _pick(among, better):
    """One of `among` by `better` (the first wins ties), or -1."""
    best = -1
    for i in among:
        if best < 0 or better(i, best):
            best = i
    return best


def track_roles(tracks):
    """The role of each track, as trackRoles() in src/music/trackBudget.ts."""
    roles = ["drums" if t["inst"] == "DRUMS" else "harmony" for t in tracks]
    shapes = [_shape(t) for t in tracks]

    def pitched(ok=lambda i: True):
        return [i for i, r in enumerate(roles) if r == "harmony" and ok(i)]

    lowest = lambda a, b: shapes[a][1] < shapes[b][1]  # noqa: E731
    highest = lambda a, b: shapes[a][1] > shapes[b][1]  # noqa: E731
    bass = _pick(pitched(lambda i: shapes[i][0] == BASS_FAMILY), lowest)
    if bass < 0:
        bass = _pick(pitched(lambda i: shapes[i][1] < BASS_CEILING and shapes[i][2] <= MONOPHONIC), lowest)
    if bass >= 0:
        roles[bass] = "bass"
    melody = _pick(pitched(lambda i: shapes[i][0] == LEAD_FAMILY), highest)
    if melody < 0:
        melody = _pick(pitched(lambda i: shapes[i][1] >= MELODY_FLOOR and shapes[i][2] <= MONOPHONIC), highest)
    if melody >= 0:
        roles[melody] = "melody"
    return roles


def drum_shares(notes):
    """{hits, kick, snare, hat}: the number of hits and the share of them on each of the three."""
    pitches = [n["pitch"] for n in notes]
    total = len(pitches)
    share = (lambda keys: sum(p in keys for p in pitches) / total) if total else (lambda keys: 0.0)
    return {"hits": total, "kick": share(KICK), "snare": share(SNARE), "hat": share(HAT)}


def _pc_histogram(notes):
    h = np.zeros(12)
    for n in notes:
        h[n["pitch"] % 12] += n["duration"]
    return h


def role_stats(pieces):
    """Per role: tracks, notes per bar and polyphony per track (means over tracks), register, pitch classes;
    for drums the hits per bar and the kick/snare/hat shares over all their hits. Plain floats for JSON."""
    acc = {r: {"tracks": 0, "notes_per_bar": [], "polyphony": [], "pitches": [], "pc": np.zeros(12), "notes": []}
           for r in ROLES}
    for p in pieces:
        bars = max(1, p["bars"])
        for t, role in zip(p["tracks"], track_roles(p["tracks"])):
            a = acc[role]
            a["tracks"] += 1
            a["notes_per_bar"].append(len(t["notes"]) / bars)
            if t["notes"]:
                a["polyphony"].append(polyphony({"bars": bars, "tracks": [t]}))
            a["pitches"] += [n["pitch"] for n in t["notes"]]
            a["pc"] += _pc_histogram(t["notes"])
            a["notes"] += t["notes"]
    out = {}
    for role, a in acc.items():
        s = {"tracks": a["tracks"],
             "notes_per_bar": float(np.mean(a["notes_per_bar"])) if a["notes_per_bar"] else None,
             "polyphony": float(np.mean(a["polyphony"])) if a["polyphony"] else None}
        if role == "drums":
            d = drum_shares(a["notes"])
            s.update(hits_per_bar=s["notes_per_bar"], kick_share=d["kick"], snare_share=d["snare"], hat_share=d["hat"])
        else:
            s["mean_pitch"] = float(np.mean(a["pitches"])) if a["pitches"] else None
            total = a["pc"].sum()
            s["pitch_class_histogram"] = (a["pc"] / total).round(4).tolist() if total else None
        out[role] = s
    return out


def pitch_class_distances(stats, reference):
    """Per pitched role, the total variation distance of `stats`' pitch-class histogram to `reference`'s."""
    out = {}
    for role in ROLES[1:]:
        h, r = stats[role].get("pitch_class_histogram"), reference[role].get("pitch_class_histogram")
        out[role] = histogram_distance(h, r) if h and r else None
    return out


def _mean_pitch(notes):
    return sum(n["pitch"] for n in notes) / len(notes) if notes else None


def continuation_stats(reports, semitones=REGISTER_SEMITONES):
    """What continuations did with each song's tracks, next to what the song itself did in those bars
    (the `real` notes, when the prompt was cut). Tracks count when they sound in the prompt's last bars.

    Per pitched track: within_register (new notes' mean pitch within `semitones` of the recent mean),
    density_ratio (new notes per 4/4 bar over recent notes per 4/4 bar, median over tracks)."""

    def side(key):
        within, ratios, continued, tracks, drums_on, drum_songs = [], [], 0, 0, 0, 0
        for r in reports:
            if key == "real" and r["realTo"] is None:
                continue
            bar = 4 * r["ppq"]
            new_bars = ((r["realTo"] if key == "real" else r["to"]) - r["from"]) / bar
            recent_bars = (r["from"] - r["recentFrom"]) / bar
            song_drums = [t for t in r["tracks"] if t["isDrum"] and t["recent"]]
            if song_drums:
                drum_songs += 1
                drums_on += any(t[key] for t in song_drums)
            for t in r["tracks"]:
                if not t["recent"]:
                    continue
                tracks += 1
                new = t[key] or []
                continued += bool(new)
                if t["isDrum"] or not new or new_bars <= 0:
                    continue
                within.append(abs(_mean_pitch(new) - _mean_pitch(t["recent"])) <= semitones)
                ratios.append((len(new) / new_bars) / (len(t["recent"]) / recent_bars))
        return {"songs": sum(1 for r in reports if key != "real" or r["realTo"] is not None),
                "tracks": tracks,
                "tracks_continued_share": continued / tracks if tracks else None,
                "pitched_tracks_measured": len(within),
                "within_register_share": float(np.mean(within)) if within else None,
                "density_ratio_median": float(np.median(ratios)) if ratios else None,
                "drums_continued": f"{drums_on}/{drum_songs}"}

    return {"generated": side("added"), "real": side("real")}


def continued_tracks_of_model(reports):
    """Share of the tracks the model was given (mapped, sounding recently) that got new notes."""
    given = [t for r in reports for t in r["tracks"] if t["inst"] is not None and t["recent"]]
    return sum(bool(t["added"]) for t in given) / len(given) if given else None

