# Sourced by the bench scripts: the load harness against the cluster in $POISON_CLUSTER_DIR.
# Nodes accept any upload rate and a deep backlog, so the harness measures the pipeline, not the
# per-client limit.
export POISON_RATE_UPLOADS_PER_MINUTE=${POISON_RATE_UPLOADS_PER_MINUTE:-1000000}
export POISON_JOBS_MAX_PENDING=${POISON_JOBS_MAX_PENDING:-10000}

fresh_run_dir() { # an empty run directory holding its own copy of the jars, so a rebuild cannot disturb a run
  local jar=${POISON_JAR:-target/poison.jar}
  scripts/cluster.sh stop --purge 2>/dev/null || true
  rm -rf "$POISON_CLUSTER_DIR"
  mkdir -p "$POISON_CLUSTER_DIR"
  cp "$jar" "$POISON_CLUSTER_DIR/poison.jar"
  cp "$(dirname "$jar")/poison-bench.jar" "$POISON_CLUSTER_DIR/poison-bench.jar" # finds poison.jar beside it
  export POISON_JAR=$POISON_CLUSTER_DIR/poison.jar
}

harness() { # report-file harness-options...
  local report=$1; shift
  java -Xmx1g -cp "$(dirname "$POISON_JAR")/poison-bench.jar" app.poison.bench.LoadHarness --url "http://127.0.0.1:$POISON_CLUSTER_API_PORT" \
    --run-dir "$POISON_CLUSTER_DIR" --report "$report" "$@" >>"$POISON_CLUSTER_DIR/harness.log" 2>&1
}

field() { # report-file json-field: a number or word from a pretty-printed report
  sed -n "s/^  \"$2\" : \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}$/\1/p" "$1" | head -n 1
}

summary_row() { # label report-file
  printf '%-18s %8s %8s %8s %8s %8s %9s %9s %7s %s\n' "$1" "$(field "$2" accepted)" "$(field "$2" succeeded)" \
    "$(field "$2" stuck_or_lost)" "$(field "$2" jobs_per_second)" "$(field "$2" end_to_end_ms_p50)" \
    "$(field "$2" end_to_end_ms_p95)" "$(field "$2" end_to_end_ms_p99)" "$(field "$2" ready_after_seconds)" \
    "$(tr -d ' \n' <"$2" | sed -n 's/.*"outcomes":\({[^}]*}\).*"rankings":\({[^}]*}\).*/outcomes \1 rankings \2/p')"
}

summary_header() {
  printf '%-18s %8s %8s %8s %8s %8s %9s %9s %7s %s\n' RUN ACCEPTED OK STUCK JOBS/S P50_MS P95_MS P99_MS READY_S DETAILS
}
