"""The copy measure: which bars repeat an earlier bar of their track, and the NLL on each kind."""
import numpy as np

from copying import FRESH, OTHER, REPEATED, bar_classes, copy_nll, track_bars

A = ["NOTE_ON=60", "TIME_DELTA=4", "NOTE_OFF=60"]
B = ["NOTE_ON=62", "TIME_DELTA=4", "NOTE_OFF=62"]


def window():
    """Track 1: bars A, A, B, rest; track 2: bars B, A (A is new to track 2: repeats are per track)."""
    bar = lambda events: ["BAR_START", *events, "BAR_END"]  # noqa: E731
    return (["PIECE_START", "TRACK_START", "INST=0", "DENSITY=1"] + bar(A) + bar(A) + bar(B) + bar([]) +
            ["TRACK_END", "TRACK_START", "INST=33"] + bar(B) + bar(A) + ["TRACK_END"])


def test_track_bars_span_each_bars_events_and_bar_end():
    w = window()
    bars = track_bars(w)
    assert [t for t, _, _ in bars] == [0, 0, 0, 0, 1, 1]
    assert [w[a:b] for _, a, b in bars] == [A, A, B, [], B, A]
    assert all(w[b] == "BAR_END" and w[a - 1] == "BAR_START" for _, a, b in bars)


def test_bar_classes_mark_exact_repeats_within_a_track_only():
    w = window()
    c = bar_classes(w)
    per_bar = [c[a] for _, a, _ in track_bars(w)]
    # A fresh, A repeated, B fresh, the rest neither; track 2: B fresh, A fresh (A was in another track).
    assert per_bar == [FRESH, REPEATED, FRESH, OTHER, FRESH, FRESH]
    # A bar's tokens: its 3 events and BAR_END; headers and BAR_START are OTHER.
    assert (c == REPEATED).sum() == 4 and (c == FRESH).sum() == 16
    assert c[: w.index("BAR_START") + 1].tolist() == [OTHER] * 5


def test_copy_nll_averages_each_kind_of_bar():
    w = window()
    c = bar_classes(w)
    # NLL entry j is token j + 1: give repeated-bar tokens 0.5 nats, fresh 2.0, the rest 9.
    nll = np.where(c[1:] == REPEATED, 0.5, np.where(c[1:] == FRESH, 2.0, 9.0))
    out = copy_nll([w], [nll])
    assert out["repeated"] == {"nats_per_token": 0.5, "tokens": 4, "bars": 1}
    assert out["fresh"] == {"nats_per_token": 2.0, "tokens": 16, "bars": 4}
    assert out["gap"] == 1.5


def test_copy_nll_counts_only_what_the_cut_window_holds():
    w = window()
    cut = w.index("TRACK_END")  # the model's context ends before track 2
    nll = np.ones(cut - 1)
    out = copy_nll([w], [nll])
    assert out["fresh"]["bars"] == 2 and out["repeated"]["bars"] == 1 and out["fresh"]["tokens"] == 8
