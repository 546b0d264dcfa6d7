from music_stats import crossing_steps, histogram_distance, parallel_count, pitch_class_histogram, polyphony, summarize


def note(pitch, start, duration=4):
    return {"pitch": pitch, "start": start, "duration": duration, "velocity": 80}


def piece(**voices):
    return {"bars": 1, "tracks": [{"inst": v, "notes": notes} for v, notes in voices.items()]}


def test_parallel_fifths_and_octaves_are_counted_only_for_similar_motion():
    # S: C5 D5, B: F4 G4 -> fifths C-F? no: 72-65=7 then 74-67=7, both up: one parallel fifth
    p = piece(SOPRANO=[note(72, 0), note(74, 4)], BASS=[note(65, 0), note(67, 4)])
    assert parallel_count(p, ["SOPRANO", "BASS"]) == (1, 0)
    # octaves in contrary motion are not parallel
    p = piece(SOPRANO=[note(72, 0), note(74, 4)], BASS=[note(60, 0), note(50, 4)])
    assert parallel_count(p, ["SOPRANO", "BASS"]) == (0, 0)
    # parallel octaves, and an oblique step (one voice holds) that does not count
    p = piece(SOPRANO=[note(72, 0), note(74, 4), note(74, 8)], BASS=[note(60, 0), note(62, 4), note(55, 8)])
    assert parallel_count(p, ["SOPRANO", "BASS"]) == (0, 1)


def test_voice_crossing_and_polyphony():
    p = piece(SOPRANO=[note(60, 0, 8)], ALTO=[note(64, 0, 4), note(55, 4, 4)])
    assert crossing_steps(p, ["SOPRANO", "ALTO"]) == (4, 8)
    assert polyphony(p) == 2.0
    assert polyphony(piece(SOPRANO=[note(60, 0, 4)], ALTO=[note(55, 2, 4)])) == 8 / 6


def test_histograms_and_summary():
    h = pitch_class_histogram([piece(SOPRANO=[note(60, 0, 4), note(67, 4, 12)])])
    assert h[0] == 0.25 and h[7] == 0.75
    assert histogram_distance(h, h) == 0.0
    assert histogram_distance([1] + [0] * 11, [0, 1] + [0] * 10) == 1.0
    s = summarize([piece(SOPRANO=[note(72, 0), note(74, 4)], BASS=[note(65, 0), note(67, 4)])])
    assert s["notes_per_bar"] == 4 and s["parallel_fifths_per_bar"] == 1
    assert s["voices"]["SOPRANO"]["min"] == 72 and s["voices"]["BASS"]["max"] == 67
