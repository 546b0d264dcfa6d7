#!/usr/bin/env bash
# Token shards for the GPU machine, xz-compressed (uint16 music tokens shrink several times, and at
# most 64 MiB travels): pack_data.sh OUT.tar.xz DATA_ROOT FOLDER... -> OUT.tar.xz with data/FOLDER/...
set -euo pipefail
out=$1 root=$2; shift 2
[ $# -gt 0 ] || { echo "pack_data.sh: name the folders under $root to pack" >&2; exit 2; }
mkdir -p "$(dirname "$out")"
tmp=$(mktemp -d)
mkdir "$tmp/data"
for d in "$@"; do
  mkdir "$tmp/data/$d"
  cp "$root/$d"/*.bin "$root/$d"/tokenizer.json "$root/$d"/encoding.json "$tmp/data/$d/"
done
tar -C "$tmp" -cf - data | xz -T0 -6 > "$out"
rm -rf "$tmp"
echo "$out: $(du -h "$out" | cut -f1) for $*"
