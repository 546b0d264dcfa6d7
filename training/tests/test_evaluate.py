import numpy as np
import torch

from conftest import FIXTURE_TOKENS
from config import TrainConfig, PRESETS
from evaluate import stats, table, unconstrained_lines
from model import build_model


def piece(pitch, error=None):
    notes = [{"pitch": pitch, "start": 0, "duration": 16, "velocity": 80}]
    return {"bars": 1, "tracks": [{"inst": "SOPRANO", "notes": notes}, {"inst": "BASS", "notes": notes}],
            "strictError": error}


def test_stats_count_strict_failures_and_table_compares_to_the_reference():
    real = stats([piece(72), piece(74)])
    gen = stats([piece(72), piece(60, "token 3 (BAR_END): 1 note(s) still sounding at BAR_END")])
    assert real["strict_share"] == 1.0 and gen["strict_share"] == 0.5 and len(gen["strict_errors"]) == 1
    for c in (real, gen):
        c["pitch_class_distance"] = 0.0
    text = table({"held-out JSF": real, "generated (grammar)": gen}, "held-out JSF")
    assert "| strict_share | 1.000 | 0.500 | -50.0% |" in text
    assert "| soprano_mean | 73.000 | 66.000 | -9.6% |" in text
    # one relative column per generated column
    guard = stats([piece(73), piece(73)])
    guard["pitch_class_distance"] = 0.0
    text = table({"held-out JSF": real, "generated (grammar)": gen, "generated (grammar + guard 4)": guard},
                 "held-out JSF")
    assert "gen (grammar + guard 4) vs held-out JSF |" in text.splitlines()[0]
    assert "| soprano_mean | 73.000 | 66.000 | 73.000 | -9.6% | +0.0% |" in text


def test_unconstrained_sampling_is_seeded_and_starts_at_piece_start():
    torch.manual_seed(0)
    model = build_model(TrainConfig(**PRESETS["tiny"]), len(FIXTURE_TOKENS), 0, 2).eval()
    a = unconstrained_lines(model, FIXTURE_TOKENS, 3, seed=5, max_len=20)
    assert a == unconstrained_lines(model, FIXTURE_TOKENS, 3, seed=5, max_len=20)
    assert all(line.startswith("PIECE_START") for line in a)
    assert max(len(line.split()) for line in a) <= 20 and np.unique(a).size >= 2


def test_generated_lines_always_say_the_guard_penalty(monkeypatch):
    import evaluate
    calls = []

    class Done:
        stdout = "PIECE_START\n\n"

    monkeypatch.setattr(evaluate, "cantor", lambda *args: calls.append(args) or Done())
    assert evaluate.generated_lines("models/x", 2, 1) == ["PIECE_START"]
    evaluate.generated_lines("models/x", 2, 1, voice_leading=4.0)
    # The CLI's default has the guard on: the raw-model column must switch it off explicitly.
    assert [c[c.index("--voice-leading") + 1] for c in calls] == ["0", "4"]
