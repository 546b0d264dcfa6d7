#!/usr/bin/env bash
# Chorale training data: MIDI/JSON -> token shards with the TypeScript preprocess CLI.
# usage: training/make_chorale_data.sh [datasets-dir] [out-dir]
set -euo pipefail
DATA=${1:-../shared/datasets}
OUT=${2:-data}
cantor() { npm run -s cantor -- "$@"; }
AUG=(--bars 4 --hop 1 --transpose -5..6 --copies 3 --shuffle-tracks --fill 0.15 --quiet)
PLAIN=(--bars 4 --hop 1 --quiet)
SATB=SOPRANO,ALTO,TENOR,BASS
JSB="$DATA/jsb-chorales/Jsb16thSeparated.json"

# JS Fakes: 90% train / 10% held out, by piece; density edges are computed here and reused below.
cantor preprocess "$DATA/js-fakes" -o "$OUT/jsf" --parts $SATB --split 0.9,0.1,0 "${AUG[@]}"
cantor preprocess "$DATA/js-fakes" -o "$OUT/jsf-plain" --parts $SATB --split 0.9,0.1,0 --encoding "$OUT/jsf/encoding.json" "${PLAIN[@]}"
# Bach: train split for training, valid for validation, test for evaluation only.
cantor preprocess "$JSB" --jsb-split train -o "$OUT/jsb-train" --split 1,0,0 --encoding "$OUT/jsf/encoding.json" "${AUG[@]}"
cantor preprocess "$JSB" --jsb-split valid -o "$OUT/jsb-valid" --split 0,1,0 --encoding "$OUT/jsf/encoding.json" "${PLAIN[@]}"
cantor preprocess "$JSB" --jsb-split test -o "$OUT/jsb-test" --split 0,0,1 --encoding "$OUT/jsf/encoding.json" "${PLAIN[@]}"
