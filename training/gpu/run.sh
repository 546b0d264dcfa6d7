#!/usr/bin/env bash
# One command on the lent GPU machine: unpack the carried token shards, train the seed shape
# (6x8x512, context 2048, bf16, SDPA, torch.compile) for a fixed wall time with a cosine over that
# time, checkpoint as it goes, score every held-out folder, and leave safetensors shards (<= 15 MiB
# each, float16) plus metrics.json and the log in $OUT. Export and quantization then run on the CPU.
#
#   training/gpu/pack_data.sh .gpu/chorales.tar.xz /work/data/ch2 jsf jsb-train jsb-valid jsf-plain jsb-test
#   run: training/gpu/run.sh --bundle .gpu/chorales.tar.xz --train jsf,jsb-train:3 --val jsb-valid,jsf-plain,jsb-test
#   here: python training/gpu/import_run.py --from <files_at> --out runs/gpu/best.pt, then export.py as usual
#   test here first, same script: training/gpu/run.sh --cpu --tiny --bundle ... --train ... --val ...
#
# Options: --minutes M (training wall time, default 6.5), --out DIR (default $OUT), --cpu, --tiny, and
# any train.py --key=value after them (e.g. --batch_size=48).
set -euo pipefail
cd "$(dirname "$0")/../.."
BUNDLE="" TRAIN="" VAL="" MINUTES=6.5 CPU=0 TINY=0 OUTDIR="${OUT:-gpu-out}"
EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --bundle) BUNDLE=$2; shift 2 ;;
    --train) TRAIN=$2; shift 2 ;;
    --val) VAL=$2; shift 2 ;;
    --minutes) MINUTES=$2; shift 2 ;;
    --out) OUTDIR=$2; shift 2 ;;
    --cpu) CPU=1; shift ;;
    --tiny) TINY=1; shift ;;
    --*=*) EXTRA+=("$1"); shift ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$BUNDLE" ] && [ -n "$TRAIN" ] && [ -n "$VAL" ] || { echo "run.sh: give --bundle, --train and --val" >&2; exit 2; }
export PYTHONUNBUFFERED=1
WORK=$(mktemp -d /tmp/cantor-gpu.XXXX)
mkdir -p "$OUTDIR"
started=$(date +%s)
say() { echo "[run.sh +$(( $(date +%s) - started ))s] $*" | tee -a "$OUTDIR/run.log"; }

[ "$CPU" = 1 ] || nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | tee -a "$OUTDIR/run.log"
python3 -c "import torch, transformers, safetensors; print('torch', torch.__version__, 'transformers', transformers.__version__)" | tee -a "$OUTDIR/run.log"
say "unpacking $BUNDLE"
tar -xJf "$BUNDLE" -C "$WORK"
prefix() { local out=() d; IFS=, read -ra parts <<< "$1"; for d in "${parts[@]}"; do out+=("$WORK/data/$d"); done; (IFS=,; echo "${out[*]}"); }
TRAIN_DIRS=$(prefix "$TRAIN")
VAL_DIRS=$(prefix "$VAL")
# Validation during training on the first two held-out folders; finish.py scores all of them.
VAL_TRAIN=$(echo "$VAL_DIRS" | cut -d, -f1-2)

if [ "$TINY" = 1 ]; then
  ARGS=(--preset=tiny --max_steps=100000 --schedule=time --max_minutes="$MINUTES" --compile=false)
else
  ARGS=(--preset=seed --max_minutes="$MINUTES")
fi
[ "$CPU" = 1 ] && ARGS+=(--device=cpu --compile=false) || ARGS+=(--device=cuda)
say "training: ${ARGS[*]} ${EXTRA[*]:-}"
python3 training/train.py "${ARGS[@]}" --train_dirs="$TRAIN_DIRS" --val_dirs="$VAL_TRAIN" \
  --out_dir="$WORK/run" "${EXTRA[@]}" 2>&1 | grep -v "^\[transformers\]" | tee "$OUTDIR/train.log"
say "scoring and writing shards"
python3 training/gpu/finish.py --run "$WORK/run" --val_dirs="$VAL_DIRS" --out "$OUTDIR" | tee -a "$OUTDIR/run.log"
say "done: $(ls "$OUTDIR" | tr '\n' ' ')"
