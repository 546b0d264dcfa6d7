"""The band model's corpora: who made them, under which licence, and the notices a model card must carry.

Each licence is checked against the data set's own files (../shared/datasets/<name>/) when the card is
written, so a card never names a licence the data set does not carry; BSD-3 and MIT notices are copied
verbatim from the data set, as those licences ask.
"""
import os
import re

# name -> what the card says, and a phrase the licence file (or README) must contain.
CORPORA = {
    "freedoom": {
        "title": "Freedoom music", "url": "https://freedoom.github.io", "license": "BSD-3-Clause",
        "file": "COPYING.adoc", "must": "Redistribution and use in source and binary forms", "verbatim": True,
    },
    "mma-grooves": {
        "title": "MMA groove library (rendered accompaniments)", "url": "https://www.mellowood.ca/mma/",
        "license": "GPL-2.0-or-later", "file": "README.md", "must": "GPL-2+",
    },
    "groove-midi": {
        "title": "Groove MIDI Dataset", "url": "https://magenta.tensorflow.org/datasets/groove", "license": "CC BY 4.0",
        "file": "LICENSE", "must": "Attribution 4.0 International",
    },
    "pop909": {
        "title": "POP909", "url": "https://github.com/music-x-lab/POP909-Dataset", "license": "MIT",
        "file": "LICENSE", "must": "MIT License", "verbatim": True,
        "credit": "POP909 by Ziyu Wang, Ke Chen, Junyan Jiang, Yiyi Zhang, Maoran Xu, Shuqi Dai, Guxian Bin and Gus Xia: "
                  "*POP909: A Pop-song Dataset for Music Arrangement Generation*, ISMIR 2020. MIT licence, © 2020 Music X Lab.",
    },
    "nottingham": {
        "title": "Nottingham Music Database (Jukedeck MIDI edition)", "url": "https://github.com/jukedeck/nottingham-dataset",
        "license": "GPL-3.0", "file": "LICENSE.md", "must": "Version 3, 29 June 2007",
    },
    "js-fakes": {
        "title": "JS Fake Chorales", "url": "https://github.com/omarperacha/js-fakes", "license": "CC BY 4.0",
        "file": "LICENSE", "must": "Attribution 4.0 International",
        "credit": '"JS Fake Chorales" by Omar Peracha, licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).',
    },
}

# The weights are offered under the one licence that every corpus's terms allow together (see license_section).
MODEL_LICENSE = "GPL-3.0-or-later"


class LicenseError(Exception):
    """A data set's files do not carry the licence the card would name."""


def credit_line(readme_text):
    """The README's '**Credit line:** "…"' (it may wrap over lines), without the label; None when absent."""
    m = re.search(r"\*\*Credit line:\*\*\s*(.+?)(?:\n\s*\n|\n- |\n#)", readme_text, re.S)
    return " ".join(m.group(1).split()) if m else None


def corpus_facts(name, datasets):
    """{license, credit, notice (verbatim text or None), ...} for one corpus, checked against its files."""
    meta = CORPORA[name]
    folder = os.path.join(datasets, name)
    path = os.path.join(folder, meta["file"])
    if not os.path.exists(path):
        raise LicenseError(f"{path}: missing, cannot confirm {name}'s licence ({meta['license']})")
    text = open(path, encoding="utf-8").read()
    if meta["must"] not in text:
        raise LicenseError(f"{path} does not say {meta['must']!r}: {name}'s licence is not {meta['license']}?")
    readme = os.path.join(folder, "README.md")
    credit = meta.get("credit") or credit_line(open(readme, encoding="utf-8").read() if os.path.exists(readme) else "")
    return {**meta, "credit": credit or f"{meta['title']} ({meta['url']}), {meta['license']}.",
            "notice": text.strip() if meta.get("verbatim") else None}


def license_section(names, datasets):
    """Markdown: the model folder's licence, then each corpus's credit, and the BSD-3 and MIT notices in full."""
    facts = {n: corpus_facts(n, datasets) for n in names}
    gpl = [f"{n} ({f['license']})" for n, f in facts.items() if f["license"].startswith("GPL")]
    lines = ["## Licence and credits",
             f"The model files in this folder (weights, config, tokenizer) are released under **{MODEL_LICENSE}**. "
             "They hold no training file, but they are trained on "
             + (", ".join(gpl) if gpl else "no GPL data")
             + ", so the folder takes a licence those allow, and GPL v3 accepts the terms of the other corpora "
             "(BSD-3 and MIT: keep their notices, below; CC BY 4.0: credit, below). "
             "Whether trained weights are a derived work of their data is unsettled; this licence is the cautious reading.",
             "", "| corpus | licence | credit |", "|---|---|---|"]
    lines += [f"| {n} | {f['license']} | {f['credit']} |" for n, f in facts.items()]
    for n, f in facts.items():
        if f["notice"]:
            lines += ["", f"### {f['title']} ({f['license']}) notice, as the licence asks", "", "```", f["notice"], "```"]
    return "\n".join(lines) + "\n"
