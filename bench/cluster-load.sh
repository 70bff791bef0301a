#!/usr/bin/env bash
# Jobs/s with one worker and with two, side by side: starts a cluster (scripts/cluster.sh) in its
# own run directory and RabbitMQ namespace, runs the load harness with one worker, adds a second
# worker and runs it again, then stops everything. Reports (JSON, with RSS per process) land in
# the run directory.
#
#   bench/cluster-load.sh [seconds per run, default 60] [uploaders, default 16]
set -euo pipefail
cd "$(dirname "$0")/.."
export POISON_CLUSTER_DIR=${POISON_CLUSTER_DIR:-run/bench-load}
export POISON_CLUSTER_API_PORT=${POISON_CLUSTER_API_PORT:-8090}
source bench/harness.sh
RUN_SECONDS=${1:-60}
UPLOADERS=${2:-16}

fresh_run_dir
trap 'scripts/cluster.sh stop --purge' EXIT
scripts/cluster.sh start --workers 1
harness "$POISON_CLUSTER_DIR/one-worker.json" --seconds "$RUN_SECONDS" --uploaders "$UPLOADERS"
scripts/cluster.sh add-worker
harness "$POISON_CLUSTER_DIR/two-workers.json" --seconds "$RUN_SECONDS" --uploaders "$UPLOADERS"

summary_header
summary_row "1 worker" "$POISON_CLUSTER_DIR/one-worker.json"
summary_row "2 workers" "$POISON_CLUSTER_DIR/two-workers.json"
echo "RSS per process (MB): grep -A6 rss_mb $POISON_CLUSTER_DIR/*.json"
