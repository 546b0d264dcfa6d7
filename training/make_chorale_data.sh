#!/usr/bin/env bash
# Chorale training data: JS Fakes and the Bach chorales -> token shards, with the corpus list
# training/corpora/chorales.json (SATB parts, the shipped model's vocabulary, JSB's own split).
# usage: training/make_chorale_data.sh [datasets-dir] [out-dir]
# Writes <out-dir>/js-fakes and <out-dir>/jsb, each a dataset folder (train, val; jsb also test):
#   python training/train.py --train_dirs=<out>/js-fakes,<out>/jsb --val_dirs=<out>/js-fakes,<out>/jsb ...
set -euo pipefail
DATA=${1:-../shared/datasets}
OUT=${2:-data/chorales}
npm run -s cantor -- preprocess --corpora training/corpora/chorales.json --datasets "$DATA" -o "$OUT" --quiet
