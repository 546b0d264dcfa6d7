"""Control accuracy per requested bin, exact and within one, only for the controls a model has."""
from control_stats import control_accuracy, control_table


def track(requested, realised):
    keys = ("density", "polyphony", "duration")
    return {"inst": "0", "notes": [], "controls": {"requested": dict(zip(keys, requested)),
                                                   "realised": dict(zip(keys, realised))}}


def test_accuracy_per_requested_bin_exact_and_within_one():
    # DENSITY only (a model without POLYPHONY/DURATION: null throughout).
    tracks = [track((5, None, None), (5, None, None)), track((5, None, None), (6, None, None)),
              track((5, None, None), (8, None, None)), track((2, None, None), (2, None, None))]
    acc = control_accuracy([{"tracks": tracks[:2]}, {"tracks": tracks[2:]}])
    assert list(acc) == ["density"]
    assert acc["density"]["bins"]["5"] == {"tracks": 3, "exact": 1 / 3, "within_one": 2 / 3}
    assert acc["density"]["bins"]["2"] == {"tracks": 1, "exact": 1.0, "within_one": 1.0}
    assert acc["density"]["exact"] == 2 / 4 and acc["density"]["within_one"] == 3 / 4
    rows = control_table(acc).splitlines()
    assert rows[2] == "| DENSITY | 2 | 1 | 100% | 100% |" and rows[-1] == "| DENSITY | all | 4 | 50% | 75% |"


def test_all_three_controls_when_the_model_has_them():
    acc = control_accuracy([{"tracks": [track((1, 0, 4), (1, 1, 2))]}])
    assert [(k, a["exact"], a["within_one"]) for k, a in acc.items()] == [
        ("density", 1.0, 1.0), ("polyphony", 0.0, 1.0), ("duration", 0.0, 0.0)]


def test_requested_lineups_cycle_through_every_bin_of_the_models_controls():
    from control_stats import control_bins, requested_lineups

    config = {"encoding": {"density": {"enabled": True, "edges": [8, 13]}, "polyphony": {"enabled": True, "edges": [1.5]},
                           "duration": {"enabled": False, "edges": []}}}
    bins = control_bins(config)
    assert bins == {"density": 3, "polyphony": 2}
    assert requested_lineups([["DRUMS", "33"], ["0"]], bins) == [
        ["DRUMS:density=0:poly=0", "33:density=1:poly=1"], ["0:density=2:poly=0"]]
    assert control_bins({"encoding": {"density": {"enabled": True, "edges": [1] * 9}}}) == {"density": 10}
