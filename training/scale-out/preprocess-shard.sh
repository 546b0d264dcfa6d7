#!/usr/bin/env bash
# One shard of a sharded `cantor preprocess`, for a scheduler that starts N copies of a task:
# the shard index comes from a Slurm job array (SLURM_ARRAY_TASK_ID, 0-based: --array=0-N-1) or a
# Kubernetes Indexed Job (JOB_COMPLETION_INDEX); the count from SLURM_ARRAY_TASK_COUNT or SHARD_COUNT.
# usage: preprocess-shard.sh <corpora.json> <datasets-dir> <out-root>   -> <out-root>/shard-<i>/
# Every shard writes the same tokenizer.json and encoding.json (vocabulary, density edges and
# instruments come from the whole corpus), and together the shards hold the unsharded run's pieces.
set -euo pipefail
LIST=$(realpath "$1")
DATA=$(realpath "$2")
OUT=$(realpath -m "$3")
INDEX=${SLURM_ARRAY_TASK_ID:-${JOB_COMPLETION_INDEX:?set SLURM_ARRAY_TASK_ID (Slurm) or JOB_COMPLETION_INDEX (Kubernetes)}}
COUNT=${SLURM_ARRAY_TASK_COUNT:-${SHARD_COUNT:?set SLURM_ARRAY_TASK_COUNT (Slurm) or SHARD_COUNT}}
cd "$(dirname "$0")/../.."
exec npm run -s cantor -- preprocess --corpora "$LIST" --datasets "$DATA" -o "$OUT/shard-$INDEX" \
  --shard "$INDEX/$COUNT" --workers "${SLURM_CPUS_PER_TASK:-$(nproc)}" --quiet
