"""The markdown tables of evaluate_band.py's report (the JSON keeps the figures; these only lay them out)."""
from band_stats import ROLES
from evaluation import fmt, markdown, relative

SPLITS = ("test", "val")


def role_table(columns, reference):
    """Markdown: one row per (role, metric), one column per set, then each other set relative to `reference`."""
    metrics = {"drums": ["tracks", "hits_per_bar", "polyphony", "kick_share", "snare_share", "hat_share"]}
    for role in ROLES[1:]:
        metrics[role] = ["tracks", "notes_per_bar", "polyphony", "mean_pitch", "pitch_class_distance"]
    others = [c for c in columns if c != reference]
    rows = []
    for role, keys in metrics.items():
        for k in keys:
            r = columns[reference][role].get(k)
            rel = [relative(columns[c][role].get(k), r) if k not in ("tracks", "pitch_class_distance") else ""
                   for c in others]
            rows.append([role, k] + [fmt(columns[c][role].get(k)) for c in columns] + rel)
    return markdown(["role", "metric"] + list(columns) + [f"{c} vs {reference}" for c in others], rows)


def loss_table(loss, corpora):
    rows = []
    for c in corpora:
        cells = [c]
        for s in SPLITS:
            v = loss.get(f"{c} {s}")
            cells += [f"{v['nats_per_token']:.4f}", str(v["tokens"])] if v else ["", ""]
        rows.append(cells)
    return markdown(["corpus"] + [f"{s} {x}" for s in SPLITS for x in ("nats/token", "tokens")], rows)


def continuation_table(cont):
    cols = {"whole songs: model": cont["whole"]["generated"]}
    if "cut" in cont:
        cols["cut mid-song: model"] = cont["cut"]["generated"]
        cols["cut mid-song: the song's real next bars"] = cont["cut"]["real"]
    keys = ["songs", "tracks", "tracks_continued_share", "pitched_tracks_measured", "within_register_share",
            "density_ratio_median", "drums_continued"]
    return markdown(["metric"] + list(cols), [[k] + [fmt(c.get(k)) for c in cols.values()] for k in keys])
