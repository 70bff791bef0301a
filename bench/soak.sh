#!/usr/bin/env bash
# Soak: a cluster (api + 2 workers, scripts/cluster.sh) under paced load at 70 % of its capacity
# for 15 minutes. Without a rate, capacity is measured first (60 s closed loop, 16 uploaders,
# after a 60 s warm-up).
# The report gives RSS per process after warm-up (a fifth of the run) and at the end.
#
#   bench/soak.sh [minutes, default 15] [uploads per second, default 70 % of measured capacity]
set -euo pipefail
cd "$(dirname "$0")/.."
export POISON_CLUSTER_DIR=${POISON_CLUSTER_DIR:-run/bench-soak}
export POISON_CLUSTER_API_PORT=${POISON_CLUSTER_API_PORT:-8094}
source bench/harness.sh
MINUTES=${1:-15}
RATE=${2:-}

fresh_run_dir
trap 'scripts/cluster.sh stop --purge' EXIT
scripts/cluster.sh start --workers 2
if [[ -z $RATE ]]; then
  harness "$POISON_CLUSTER_DIR/warm-up.json" --seconds 60 --uploaders 16 # JIT-compiled before measuring
  harness "$POISON_CLUSTER_DIR/capacity.json" --seconds 60 --uploaders 16
  RATE=$(awk -v c="$(field "$POISON_CLUSTER_DIR/capacity.json" jobs_per_second)" 'BEGIN { printf "%.1f", 0.7 * c }')
  echo "soak: capacity $(field "$POISON_CLUSTER_DIR/capacity.json" jobs_per_second) jobs/s, soaking at $RATE uploads/s" >&2
fi
harness "$POISON_CLUSTER_DIR/soak.json" --seconds $((MINUTES * 60)) --uploaders 16 --rate "$RATE"

summary_header
[[ -f $POISON_CLUSTER_DIR/capacity.json ]] && summary_row capacity "$POISON_CLUSTER_DIR/capacity.json"
summary_row "soak ${MINUTES} min" "$POISON_CLUSTER_DIR/soak.json"
sed -n '/"rss_mb"/,/^  }/p' "$POISON_CLUSTER_DIR/soak.json"
