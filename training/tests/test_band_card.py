import os

import numpy as np
import pytest

from band_card import data_table, window_lengths
from band_licenses import CORPORA, LicenseError, credit_line, license_section
from conftest import make_data_dir
from model_card import is_gm

BSD = ("Copyright (c) 2001 Somebody.\n\nRedistribution and use in source and binary forms, with or without\n"
       "modification, are permitted.\n\nTHIS SOFTWARE IS PROVIDED \"AS IS\" AND ANY WARRANTIES ARE DISCLAIMED.")
FILES = {"freedoom": ("COPYING.adoc", BSD), "mma-grooves": ("README.md", "- **Licence:** GPL-2+ (Bob)\n"),
         "groove-midi": ("LICENSE", "Attribution 4.0 International\n"), "pop909": ("LICENSE", "MIT License\n\n(c) X Lab"),
         "nottingham": ("LICENSE.md", "GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n"),
         "js-fakes": ("LICENSE", "Attribution 4.0 International\n")}


def datasets(tmp_path, files=FILES):
    for name, (fname, text) in files.items():
        os.makedirs(tmp_path / name, exist_ok=True)
        (tmp_path / name / fname).write_text(text)
    readme = '- **Credit line:** "Music from Freedoom,\n  BSD licence."\n- **Per-track composers:** CREDITS\n'
    (tmp_path / "freedoom" / "README.md").write_text(readme)
    return str(tmp_path)


def test_license_section_credits_every_corpus_and_copies_bsd_and_mit_notices(tmp_path):
    text = license_section(list(CORPORA), datasets(tmp_path))
    assert "**GPL-3.0-or-later**" in text and "mma-grooves (GPL-2.0-or-later), nottingham (GPL-3.0)" in text
    for name, meta in CORPORA.items():
        assert f"| {name} | {meta['license']} |" in text
    assert '| freedoom | BSD-3-Clause | "Music from Freedoom, BSD licence." |' in text  # the README's own credit line
    assert BSD in text and "MIT License\n\n(c) X Lab" in text  # verbatim, as BSD-3 and MIT ask
    assert "Omar Peracha" in text and "Attribution 4.0 International" not in text  # CC BY: credit, not the text


def test_a_license_the_data_set_does_not_carry_stops_the_card(tmp_path):
    files = {**FILES, "nottingham": ("LICENSE.md", "MIT License\n")}
    with pytest.raises(LicenseError, match="nottingham"):
        license_section(["nottingham"], datasets(tmp_path, files))
    with pytest.raises(LicenseError, match="missing"):
        license_section(["pop909"], datasets(tmp_path / "other", {"freedoom": FILES["freedoom"]}))


def test_credit_line_reads_a_wrapped_readme_line():
    assert credit_line('x\n- **Credit line:** "A by B,\n  CC BY 4.0."\n\n## Layout') == '"A by B, CC BY 4.0."'
    assert credit_line("no credit here") is None


def test_window_lengths_and_data_table(tmp_path):
    make_data_dir(str(tmp_path / "a"), pieces=40, splits=("val", "test"))
    w = window_lengths(str(tmp_path), ["a"], n_ctx=30)
    # make_piece writes 2 tracks of 1-2 bars of 14 tokens: PIECE_START + 2 x (TRACK_START INST … TRACK_END) = 35, 49 or 63.
    assert w["windows"] == 16 and {w["p50"], w["p95"]} <= {35, 49, 63} and w["within_ctx"] == 0.0
    assert window_lengths(str(tmp_path), ["a"], n_ctx=63)["within_ctx"] == 1.0
    report = {"corpora": {"a": {"pieces": {"train": 9, "val": 1, "test": 1}, "samples": {"train": 1234},
                                "tokens": {"train": 56789}}}}
    corpora = {"encoding": {"hop": 2}, "corpora": [
        {"name": "a", "weight": 0.25, "transpose": "-5..6", "copies": 3, "shuffleTracks": True, "hop": 1,
         "split": [0.8, 0.1, 0.1]}, {"name": "missing"}]}
    rows = data_table(report, corpora).splitlines()
    assert rows[2] == "| a | 9 / 1 / 1 | 1,234 | 56,789 | 0.25 | -5..6 | 3 | yes | 1 | 0.8/0.1/0.1 by piece |"
    assert len(rows) == 3 and np.isfinite(w["p99"])


def test_gm_models_get_the_band_card():
    assert is_gm({"encoding": {"instruments": ["INST=0", "INST=DRUMS", "INST=33"]}})
    assert not is_gm({"encoding": {"instruments": ["INST=SOPRANO", "INST=BASS"]}})
    assert not is_gm({})


def test_train_figures_count_tokens_seen_and_parameters(tmp_path):
    from card_parts import train_figures
    (tmp_path / "train.log").write_text(
        "10:00:00 config {}\n10:00:00 3.53M parameters, 9 train pieces\n"
        "10:00:10 step 20 loss 4.0 lr 1e-3 tokens/s 1000 (real tokens)\n"
        "10:00:30 step 40 loss 3.0 lr 1e-3 tokens/s 500 (real tokens)\n"
        "11:00:00 config {}\n11:00:04 step 60 loss 2.0 lr 1e-3 tokens/s 250 (real tokens)\n")
    tr = train_figures(str(tmp_path))
    # 10 s at 1000 + 20 s at 500 + 4 s at 250 after the restart; the hour down in between is not counted.
    assert tr["tokens_seen"] == 10 * 1000 + 20 * 500 + 4 * 250 and tr["parameters_m"] == 3.53
    assert tr["steps"] == 60 and tr["restarts"] == 1
