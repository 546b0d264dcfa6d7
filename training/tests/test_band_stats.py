import pytest

from band_stats import continuation_stats, continued_tracks_of_model, drum_shares, pitch_class_distances, role_stats, \
    track_roles
from evaluate_band import lineups_of


def note(pitch, start, duration=4):
    return {"pitch": pitch, "start": start, "duration": duration, "velocity": 80}


def track(inst, notes):
    return {"inst": inst, "notes": notes}


def line(pitch, onsets=range(0, 16, 4), duration=4):
    return [note(pitch, s, duration) for s in onsets]


def test_roles_follow_programs_first_then_register_and_polyphony():
    # Bass family (32-39) is bass even above a lower track; lead family (80-87) is melody even below a higher one.
    tracks = [track("DRUMS", line(36)), track("0", line(40)), track("33", line(50)), track("81", line(60)),
              track("73", line(80))]
    assert track_roles(tracks) == ["drums", "harmony", "bass", "melody", "harmony"]
    # Without those programs: the lowest one-voice line under E3 is bass, the highest one-voice line from G3 melody;
    # chords (two notes an onset) are neither.
    chords = line(40) + line(44)
    tracks = [track("0", chords), track("25", line(45)), track("40", line(70)), track("41", line(66)),
              track("DRUMS", line(42))]
    assert track_roles(tracks) == ["harmony", "bass", "melody", "harmony", "drums"]
    # Nothing qualifies: everything is harmony; the first of equals wins.
    assert track_roles([track("0", chords), track("0", line(53))]) == ["harmony", "harmony"]
    assert track_roles([track("33", line(40)), track("34", line(40))]) == ["bass", "harmony"]


def test_drum_shares_count_kick_snare_and_hat_hits():
    hits = [note(p, 0) for p in (36, 35, 38, 40, 37, 42, 44, 46, 49, 51)]
    d = drum_shares(hits)
    assert d == {"hits": 10, "kick": 0.2, "snare": 0.3, "hat": 0.3}
    assert drum_shares([]) == {"hits": 0, "kick": 0.0, "snare": 0.0, "hat": 0.0}


def test_role_stats_per_track_means_register_and_pitch_classes():
    # Two one-bar pieces: 8 kick/hat hits in one, 4 snare hits in the other; a bass of 4 then 2 notes.
    a = {"bars": 1, "tracks": [track("DRUMS", [note(36, s, 1) for s in range(0, 16, 4)] +
                                          [note(42, s, 1) for s in range(0, 16, 4)]),
                               track("33", line(36))]}
    b = {"bars": 2, "tracks": [track("DRUMS", [note(38, s, 1) for s in range(0, 32, 8)]),
                               track("33", [note(43, 0, 16), note(43, 16, 16)])]}
    s = role_stats([a, b])
    assert s["drums"]["tracks"] == 2
    assert s["drums"]["hits_per_bar"] == (8 + 2) / 2  # 8 hits in 1 bar, 4 in 2 bars
    assert s["drums"]["kick_share"] == 4 / 12 and s["drums"]["snare_share"] == 4 / 12
    assert s["drums"]["hat_share"] == 4 / 12 and s["drums"]["polyphony"] == 1.5  # kick+hat together, snare alone
    assert s["bass"]["notes_per_bar"] == (4 + 1) / 2 and s["bass"]["polyphony"] == 1.0
    assert s["bass"]["mean_pitch"] == (4 * 36 + 2 * 43) / 6
    # Duration-weighted: C for 16 sixteenths, G for 32.
    assert s["bass"]["pitch_class_histogram"][0] == pytest.approx(1 / 3, abs=1e-4)
    assert s["bass"]["pitch_class_histogram"][7] == pytest.approx(2 / 3, abs=1e-4)
    assert s["melody"]["tracks"] == 0 and s["melody"]["mean_pitch"] is None
    assert pitch_class_distances(s, s) == {"bass": 0.0, "melody": None, "harmony": None}


def report(tracks, realTo=None):
    # ppq 4: one 4/4 bar is 16 ticks; the last 4 prompt bars are [0, 64), the 4 new bars [64, 128).
    return {"ppq": 4, "from": 64, "to": 128, "recentFrom": 0, "realTo": realTo, "tracks": tracks}


def cont(recent, added, real=None, is_drum=False, inst="0"):
    return {"name": "", "program": 0, "isDrum": is_drum, "inst": inst, "dropped": None,
            "recent": recent, "added": added, "real": real}


def test_continuation_register_density_and_drums():
    bass = cont(line(40, range(0, 64, 4)), [note(p, 64 + 8 * i) for i, p in enumerate([45, 47] * 4)],
                real=line(40, range(64, 128, 4)))  # 16 recent notes; 8 new at mean 46 (within 7); real 16 at 40
    lead = cont(line(60, range(0, 64, 8)), [note(80, 64)], real=[])  # 8 recent; 1 new, 20 semitones up
    quiet = cont([], [note(60, 64)])  # silent in the last bars: not counted
    drums = cont([note(36, 0)], [], real=[note(36, 64)], is_drum=True, inst="DRUMS")  # the model stops the drums
    dropped = cont(line(70, range(0, 64, 16)), [], real=[], inst=None)  # over the budget: not continued
    s = continuation_stats([report([bass, lead, quiet, drums, dropped], realTo=128)])
    g, r = s["generated"], s["real"]
    assert g["tracks"] == 4 and g["tracks_continued_share"] == 0.5
    assert g["pitched_tracks_measured"] == 2 and g["within_register_share"] == 0.5
    assert g["density_ratio_median"] == pytest.approx((0.5 + 1 / 8) / 2)
    assert g["drums_continued"] == "0/1"
    assert r["tracks_continued_share"] == 0.5 and r["within_register_share"] == 1.0
    assert r["density_ratio_median"] == 1.0 and r["drums_continued"] == "1/1"
    # Without a cut there is no real side; the model's share counts only the tracks it was given.
    s = continuation_stats([report([bass, dropped])])
    assert s["real"]["songs"] == 0 and s["real"]["tracks_continued_share"] is None
    assert continued_tracks_of_model([report([bass, lead, drums, dropped])]) == 2 / 3


def test_lineups_take_corpora_in_turn_and_repeat_each_window():
    w = lambda *insts: {"bars": 4, "tracks": [track(i, []) for i in insts]}  # noqa: E731
    real = {"a": [w("DRUMS", "33"), w("0")], "b": [w("40", "25")], "empty": [{"bars": 4, "tracks": []}]}
    lineups, windows = lineups_of(real, 7, per_lineup=2)
    assert lineups == [["DRUMS", "33"]] * 2 + [["40", "25"]] * 2 + [["0"]] * 2 + [["40", "25"]]
    assert [[t["inst"] for t in x["tracks"]] for x in windows] == lineups


def test_lineups_keep_to_the_instruments_the_model_knows():
    w = lambda *insts: {"bars": 4, "tracks": [track(i, []) for i in insts]}  # noqa: E731
    real = {"a": [w("DRUMS", "97"), w("0")], "b": [w("97")]}
    lineups, _ = lineups_of(real, 3, known={"DRUMS", "0", "33"})
    assert lineups == [["0"]] * 3
