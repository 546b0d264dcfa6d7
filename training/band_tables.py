"""The markdown tables of evaluate_band.py's report (the JSON keeps the figures; these only lay them out)."""
from band_stats import ROLES
from evaluation import fmt

SPLITS = ("test", "val")


def role_table(columns, reference):
    """Markdown: one row per (role, metric), one column per set, then each other set relative to `reference`."""
    metrics = {"drums": ["tracks", "hits_per_bar", "polyphony", "kick_share", "snare_share", "hat_share"]}
    for role in ROLES[1:]:
        metrics[role] = ["tracks", "notes_per_bar", "polyphony", "mean_pitch", "pitch_class_distance"]
    others = [c for c in columns if c != reference]
    head = list(columns) + [f"{c} vs {reference}" for c in others]
    lines = ["| role | metric | " + " | ".join(head) + " |", "|---" * (len(head) + 2) + "|"]
    for role, keys in metrics.items():
        for k in keys:
            vals = [columns[c][role].get(k) for c in columns]
            r = columns[reference][role].get(k)
            rel = [f"{100 * (columns[c][role][k] - r) / r:+.1f}%"
                   if k not in ("tracks", "pitch_class_distance") and r and columns[c][role].get(k) is not None
                   else "" for c in others]
            lines.append(f"| {role} | {k} | " + " | ".join([fmt(v) for v in vals] + rel) + " |")
    return "\n".join(lines)


def loss_table(loss, corpora):
    lines = ["| corpus | " + " | ".join(f"{s} nats/token | {s} tokens" for s in SPLITS) + " |",
             "|---" * (1 + 2 * len(SPLITS)) + "|"]
    for c in corpora:
        cells = []
        for s in SPLITS:
            v = loss.get(f"{c} {s}")
            cells += [f"{v['nats_per_token']:.4f}", str(v["tokens"])] if v else ["", ""]
        lines.append(f"| {c} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def continuation_table(cont):
    cols = {"whole songs: model": cont["whole"]["generated"]}
    if "cut" in cont:
        cols["cut mid-song: model"] = cont["cut"]["generated"]
        cols["cut mid-song: the song's real next bars"] = cont["cut"]["real"]
    keys = ["songs", "tracks", "tracks_continued_share", "pitched_tracks_measured", "within_register_share",
            "density_ratio_median", "drums_continued"]
    lines = ["| metric | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    lines += [f"| {k} | " + " | ".join(fmt(c.get(k)) for c in cols.values()) + " |" for k in keys]
    return "\n".join(lines)
