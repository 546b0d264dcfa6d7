"""Repetition within pieces and continuations against the bars before the cut, on hand-made notes."""
import math

import pytest

from coherence import bars_of, continuation_coherence, cosine, f1, jaccard, track_repetition, window_repetition


def n(pitch, start, duration=4):
    return {"pitch": pitch, "start": start, "duration": duration}


def test_jaccard_cosine_and_f1_by_hand():
    assert jaccard({1, 2, 3}, {2, 3, 4}) == 2 / 4 and jaccard(set(), set()) is None
    assert cosine([1, 0], [1, 1]) == pytest.approx(1 / math.sqrt(2)) and cosine([0, 0], [1, 1]) is None
    assert f1({1, 2}, {2, 3, 4}) == 2 * 1 / 5 and f1(set(), set()) is None and f1({1}, set()) == 0


def test_bars_hold_pitch_onset_and_length_within_the_bar():
    exact, onsets = bars_of([n(60, 17, 20), n(64, 30)], 1, 1)[0]
    assert onsets == {(60, 1), (64, 14)} and exact == {(60, 1, 15), (64, 14, 2)}


def test_track_repetition_counts_exact_repeats_and_best_jaccard():
    bar = lambda b, pitches: [n(p, 16 * b + 4 * k) for k, p in enumerate(pitches)]  # noqa: E731
    notes = bar(0, [60, 62, 64, 65]) + bar(1, [60, 62, 64, 65]) + bar(2, [60, 62, 64, 67]) + bar(3, [])
    rows = track_repetition(notes, 4)
    # bar 2 repeats bar 1; bar 3 shares 3 of 5 (pitch, onset) pairs with bar 1; bar 4 is a rest (not counted).
    assert rows == [(True, 1.0), (False, 3 / 5)]
    # A longer note is not an exact repeat, though its onsets are the same.
    held = bar(0, [60]) + [n(60, 16, 8)]
    assert track_repetition(held, 2) == [(False, 1.0)]


def test_window_repetition_pools_bars_over_tracks():
    same = [n(60, 16 * b) for b in range(4)]
    fresh = [n(60 + b, 16 * b) for b in range(4)]
    piece = {"bars": 4, "tracks": [{"inst": "0", "notes": same}, {"inst": "33", "notes": fresh}]}
    out = window_repetition([piece])
    assert out == {"bars": 6, "exact_repeat_share": 0.5, "best_jaccard": 0.5}


def report(recent, added, real):
    """A continuation report at 4 ticks a sixteenth (ppq 16): context bars 0-3 from tick 0, new bars from 256."""
    tick = lambda notes: [{**x, "start": 4 * x["start"], "duration": 4 * x["duration"]} for x in notes]  # noqa: E731
    track = {"name": "t", "program": 0, "isDrum": False, "inst": "0", "dropped": None, "recent": tick(recent),
             "added": tick(added), "real": tick(real)}
    return {"ppq": 16, "from": 256, "to": 512, "recentFrom": 0, "realTo": 512, "tracks": [track]}


def test_continuation_against_the_context_and_onset_f1():
    riff = lambda b: [n(60, 16 * b), n(67, 16 * b + 8)]  # noqa: E731
    recent = [x for b in range(4) for x in riff(b)]
    real = [x for b in range(4, 8) for x in riff(b)]  # the song plays its riff again
    added = [n(61, 16 * b + 3) for b in range(4, 8)]  # the model writes something else
    out = continuation_coherence([report(recent, added, real)])
    assert out["real"]["bar_overlap"] == 1.0 and out["real"]["onset_cosine"] == pytest.approx(1.0)
    assert out["generated"]["bar_overlap"] == 0.0 and out["generated"]["onset_cosine"] == 0.0
    # Pitch classes: context C and G equally, the model only C#: orthogonal.
    assert out["real"]["pitch_class_cosine"] == pytest.approx(1.0) and out["generated"]["pitch_class_cosine"] == 0.0
    # Repeating the last 4 bars predicts every real note; the model none.
    assert out["onset_f1"] == {"model": 0.0, "repeat_last_bars": 1.0, "tracks": 1}


def test_half_a_riff_gives_half_the_f1():
    recent = [n(60, 16 * b) for b in range(4)]
    real = [n(60, 16 * b) for b in range(4, 8)]
    added = [n(60, 16 * b) for b in (4, 5)] + [n(62, 16 * b) for b in (6, 7)]
    out = continuation_coherence([report(recent, added, real)])
    assert out["onset_f1"]["model"] == 2 * 2 / 8
    # New bars: two equal the context bar (1.0), two share nothing (0.0).
    assert out["generated"]["bar_overlap"] == 0.5
