#!/usr/bin/env bash
# Fault harness: a cluster (scripts/cluster.sh, api + 2 workers) on a RabbitMQ node and a Redis
# server of its own (other ports; the machine's own stay untouched), under paced load. Each fault
# gets its own load run: the fault hits 10 s in, the load goes on through the recovery, and every
# accepted job is followed to its end. Faults: kill -9 a worker mid-batch (and add a new one),
# restart RabbitMQ, restart Redis, stop the MongoDB-protocol server for 10 s.
#
#   bench/faults.sh [uploads per second, default 6]
#
# Needs rabbitmq-server and redis-server installed (not running). Redis persists (appendonly), as
# every deployment of this service must: job state and photos live there until a job ends.
set -euo pipefail
cd "$(dirname "$0")/.."
export POISON_CLUSTER_DIR=${POISON_CLUSTER_DIR:-run/bench-faults}
export POISON_CLUSTER_API_PORT=${POISON_CLUSTER_API_PORT:-8092}
RABBIT_PORT=${POISON_FAULTS_RABBIT_PORT:-5682}
REDIS_PORT=${POISON_FAULTS_REDIS_PORT:-6390}
export POISON_CLUSTER_AMQP_URI="amqp://guest:guest@127.0.0.1:$RABBIT_PORT"
export POISON_CLUSTER_REDIS_URI="redis://127.0.0.1:$REDIS_PORT"
source bench/harness.sh
RATE=${1:-6}
FAULT_AT=10
RUN_SECONDS=45
BROKER_DIR=$(realpath -m "$POISON_CLUSTER_DIR/rabbitmq")
REDIS_DIR=$(realpath -m "$POISON_CLUSTER_DIR/redis")
NODE=poisonfaults@localhost

log() { echo "faults: $*" >&2; }

rabbit() { # command...: with this harness's node settings (it runs as the rabbitmq user)
  env RABBITMQ_NODENAME=$NODE RABBITMQ_NODE_PORT=$RABBIT_PORT RABBITMQ_DIST_PORT=$((RABBIT_PORT + 20000)) \
    RABBITMQ_CONF_ENV_FILE="$BROKER_DIR/rabbitmq-env.conf" RABBITMQ_CONFIG_FILE="$BROKER_DIR/rabbitmq.conf" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$BROKER_DIR/enabled_plugins" RABBITMQ_MNESIA_BASE="$BROKER_DIR/mnesia" \
    RABBITMQ_LOG_BASE="$BROKER_DIR/log" RABBITMQ_PID_FILE="$BROKER_DIR/pid" "$@"
}

start_rabbit() {
  mkdir -p "$BROKER_DIR/mnesia" "$BROKER_DIR/log"
  echo "listeners.tcp.local = 127.0.0.1:$RABBIT_PORT" > "$BROKER_DIR/rabbitmq.conf"
  echo "ERL_EPMD_ADDRESS=127.0.0.1" > "$BROKER_DIR/rabbitmq-env.conf"
  echo "[]." > "$BROKER_DIR/enabled_plugins"
  chown -R rabbitmq:rabbitmq "$BROKER_DIR" 2>/dev/null || true
  rabbit rabbitmq-server -detached
  until (exec 3<>"/dev/tcp/127.0.0.1/$RABBIT_PORT") 2>/dev/null; do sleep 0.5; done
  log "RabbitMQ $NODE listening on $RABBIT_PORT"
}

stop_rabbit() {
  rabbit rabbitmqctl -q -n $NODE stop >/dev/null 2>&1 || true
  while (exec 3<>"/dev/tcp/127.0.0.1/$RABBIT_PORT") 2>/dev/null; do sleep 0.2; done
}

start_redis() {
  mkdir -p "$REDIS_DIR"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$REDIS_DIR" --appendonly yes \
    --save "" --logfile "$REDIS_DIR/redis.log" --pidfile "$REDIS_DIR/redis.pid"
  until redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; do sleep 0.2; done
  log "Redis listening on $REDIS_PORT (appendonly)"
}

stop_redis() {
  redis-cli -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || true
  while redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.2; done
}

unacked_by() { # pid: deliveries the process holds unacknowledged, over all its broker channels
  local ports; ports=$(ss -tnp | awk -v pid="pid=$1," -v broker=":$RABBIT_PORT\$" \
    'index($0, pid) && $5 ~ broker { sub(/.*:/, "", $4); print $4 }')
  [[ -n $ports ]] || { echo 0; return; }
  rabbit rabbitmqctl -q -n $NODE list_channels name messages_unacknowledged 2>/dev/null \
    | grep -E "127\.0\.0\.1:($(echo $ports | tr ' ' '|')) ->" | awk '{ n += $NF } END { print n + 0 }'
}

fault_worker_kill() { # once worker-1 holds jobs it has not acknowledged: mid-batch
  local pid held=0; pid=$(cat "$POISON_CLUSTER_DIR/worker-1.pid")
  for _ in $(seq 50); do held=$(unacked_by "$pid"); ((held > 0)) && break; done
  kill -9 "$pid"
  log "worker-1 killed (-9) holding $held unacknowledged jobs"
  sleep 5
  scripts/cluster.sh add-worker
}

fault_rabbitmq_restart() {
  stop_rabbit; log "RabbitMQ stopped"
  sleep 5
  start_rabbit
}

fault_redis_restart() {
  stop_redis; log "Redis stopped"
  sleep 3
  start_redis
}

fault_mongo_stop() {
  kill -TERM "$(cat "$POISON_CLUSTER_DIR/mongo.pid")"
  log "MongoDB-protocol server stopped"
  sleep 10
  scripts/cluster.sh start --workers 1 >/dev/null # restarts only what is missing: the Mongo server
  log "MongoDB-protocol server started again"
}

cleanup() {
  scripts/cluster.sh stop || true
  stop_rabbit
  stop_redis
}

stop_rabbit; stop_redis
fresh_run_dir
trap cleanup EXIT
start_rabbit
start_redis
scripts/cluster.sh start --workers 2

FAULTS=(worker_kill rabbitmq_restart redis_restart mongo_stop)
for fault in "${FAULTS[@]}"; do
  log "--- $fault: load at $RATE uploads/s for ${RUN_SECONDS}s, fault at ${FAULT_AT}s"
  harness "$POISON_CLUSTER_DIR/$fault.json" --seconds "$RUN_SECONDS" --uploaders 16 --rate "$RATE" --job-timeout 180 &
  load=$!
  sleep "$FAULT_AT"
  "fault_$fault"
  wait "$load" || { tail -n 40 "$POISON_CLUSTER_DIR/harness.log"; exit 1; }
  scripts/cluster.sh status
done

summary_header
for fault in "${FAULTS[@]}"; do summary_row "$fault" "$POISON_CLUSTER_DIR/$fault.json"; done
