"""The cards' shared parts: the measured-figures table comes from the evaluation JSON, and nothing else."""
from card_parts import measure_rows, measure_table, title_and_shape
from model_card import guard_sentence


def evaluation():
    return {"loss": {"freedoom test": {"nats_per_token": 1.2, "tokens": 10}},
            "copying": {"freedoom": {"repeated": {"nats_per_token": 0.5}, "fresh": {"nats_per_token": 1.5}}},
            "compose": {"generated": {"exact_repeat_share": 0.1}, "real": {"exact_repeat_share": 0.4}},
            "continuation": {"coherence": {"generated": {"bar_overlap": 0.2}, "real": {"bar_overlap": 0.5},
                                           "onset_f1": {"model": 0.1, "repeat_last_bars": 0.4}}},
            "music": {"generated": {"drums": {"hits_per_bar": 9.0}},
                      "held-out (line-up windows)": {"drums": {"hits_per_bar": 12.0}}},
            "strict": {"generated": 1.0, "held_out": 1.0},
            "controls": {"generated": {"density": {"exact": 0.6, "within_one": 0.9}},
                         "held_out": {"density": {"exact": 1.0, "within_one": 1.0}}}}


def test_measure_rows_take_every_figure_from_the_json_and_skip_missing_ones():
    rows = {name: (model, real) for name, model, real in measure_rows(evaluation())}
    assert rows["held-out NLL, freedoom test (nats/token)"] == (1.2, None)
    assert rows["repeated-bar NLL, freedoom test (model alone)"] == (0.5, None)
    assert rows["compose: exact-repeat share of bars 2-4"] == (0.1, 0.4)
    assert rows["continue: bar overlap with the 4 bars before the cut"] == (0.2, 0.5)
    assert rows["continue: onset F1 vs the real next bars (real: repeating the last 4 bars)"] == (0.1, 0.4)
    assert rows["drums: hits per bar"] == (9.0, 12.0)
    assert rows["DENSITY control accuracy, within one (bins the model chose)"] == (0.9, 1.0)
    # No figure, no row: the model has no POLYPHONY control, and no groove figure was measured.
    assert not any("POLYPHONY" in n or "onset-position" in n for n in rows)


def test_measure_table_has_the_ratio_of_model_to_real_music():
    lines = measure_table([("a", 0.1, 0.4), ("b", 1.2, None), ("c", 0.5, 0.0)]).splitlines()
    assert lines[0] == "| measure | model | real music | ratio |"
    assert lines[2:] == ["| a | 0.100 | 0.400 | 25% |", "| b | 1.200 |  |  |", "| c | 0.500 | 0.000 |  |"]


def test_title_names_the_architecture_from_config():
    cfg = {"name": "band", "architecture": "rotary", "n_layer": 4, "n_head": 4, "n_embd": 256, "n_ctx": 1024,
           "vocab_size": 431}
    head = title_and_shape(cfg, "writes band music", {"parameters_m": 3.5})
    assert head.startswith("# band: a GPT with rotary positions") and "3.50M parameters" in head and "431" in head
    assert "GPT-2" in title_and_shape({**cfg, "architecture": "gpt2"}, "x")


def test_chorale_limits_say_the_measured_ratio():
    ev = {"music": {"generated (grammar)": {"parallel_fifths_per_bar": 0.6, "parallel_octaves_per_bar": 0.3,
                                            "voice_crossing_rate": 0.0},
                    "held-out JSF": {"parallel_fifths_per_bar": 0.1, "parallel_octaves_per_bar": 0.1,
                                     "voice_crossing_rate": 0.0}}}
    assert guard_sentence(ev) == " (here 6.0x the parallel fifths, 3.0x the parallel octaves of the held-out JS Fakes)"
    assert guard_sentence({"music": {}}) == ""
