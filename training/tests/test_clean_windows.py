from clean_windows import is_clean


def piece(soprano, bass):
    """Two voices of quarter notes (pitches per beat) in one bar."""
    notes = lambda ps: [{"pitch": p, "start": 4 * i, "duration": 4} for i, p in enumerate(ps)]  # noqa: E731
    return {"bars": 1, "tracks": [{"inst": "SOPRANO", "notes": notes(soprano)}, {"inst": "BASS", "notes": notes(bass)}]}


def test_contrary_motion_is_clean_and_parallels_or_crossings_are_not():
    assert is_clean(piece([72, 74, 76, 77], [48, 47, 45, 43]))
    assert not is_clean(piece([67, 69, 71, 72], [60, 62, 64, 65]))  # parallel fifths
    assert not is_clean(piece([72, 74, 76, 77], [60, 62, 64, 65]))  # parallel octaves
    assert not is_clean(piece([60, 62, 64, 65], [62, 60, 59, 57]))  # the bass above the soprano
    assert is_clean({"bars": 1, "tracks": [{"inst": "SOPRANO", "notes": []}]})  # one voice: nothing to compare
