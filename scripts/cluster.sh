#!/usr/bin/env bash
# One api node and N worker nodes on this machine, sharing one MongoDB-protocol server, the local
# Redis and the local RabbitMQ (in a namespace of their own). State (pids, ports, logs, data dirs)
# lives in the run directory.
#
#   scripts/cluster.sh start [--workers N]   start what is missing, up to N workers (default 2)
#   scripts/cluster.sh add-worker            one more worker, while jobs flow
#   scripts/cluster.sh remove-worker         SIGTERM the newest worker (its unacked jobs go back to the queue)
#   scripts/cluster.sh status                pid, port, /ready and RSS of every process
#   scripts/cluster.sh stop [--purge]        SIGTERM workers, api, then the Mongo server; --purge also
#                                            deletes the namespace's RabbitMQ queues (rabbitmqctl; its
#                                            exchange, empty and unbound, stays)
#
# Environment: POISON_CLUSTER_DIR (run directory, default ./run/cluster), POISON_CLUSTER_API_PORT
# (default 8080), POISON_CLUSTER_REDIS_URI, POISON_CLUSTER_AMQP_URI, POISON_JAR (default
# target/poison.jar), POISON_CLUSTER_READY_TIMEOUT (s, default 120), JAVA_OPTS; any other POISON_*
# variable reaches every node.
set -euo pipefail

cd "$(dirname "$0")/.."
RUN_DIR=${POISON_CLUSTER_DIR:-run/cluster}
JAR=${POISON_JAR:-target/poison.jar}
API_PORT=${POISON_CLUSTER_API_PORT:-8080}
REDIS_URI=${POISON_CLUSTER_REDIS_URI:-redis://127.0.0.1:6379}
AMQP_URI=${POISON_CLUSTER_AMQP_URI:-amqp://guest:guest@127.0.0.1:5672}
READY_TIMEOUT=${POISON_CLUSTER_READY_TIMEOUT:-120}

log() { echo "cluster: $*" >&2; }
die() { log "$*"; exit 1; }

pid_of() { cat "$RUN_DIR/$1.pid" 2>/dev/null || true; }
port_of() { cat "$RUN_DIR/$1.port" 2>/dev/null || true; }
alive() { local pid; pid=$(pid_of "$1"); [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
workers() { ls "$RUN_DIR" 2>/dev/null | sed -n 's/^\(worker-[0-9]*\)\.pid$/\1/p' | sort -t- -k2 -n; }

free_port() { # first port from $1 up that nothing listens on and no node of ours has claimed
  local port=$1
  while listening "$port" || grep -qx "$port" "$RUN_DIR"/*.port 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

namespace() {
  [[ -f $RUN_DIR/namespace ]] || echo "poison-cluster-$(date +%s)-$$" > "$RUN_DIR/namespace"
  cat "$RUN_DIR/namespace"
}

launch() { # name port command...
  local name=$1 port=$2; shift 2
  mkdir -p "$RUN_DIR/data/$name"
  nohup "$@" >>"$RUN_DIR/$name.log" 2>&1 </dev/null &
  echo $! > "$RUN_DIR/$name.pid"
  echo "$port" > "$RUN_DIR/$name.port"
  log "$name started (pid $!, port $port, log $RUN_DIR/$name.log)"
}

await() { # name probe-command...: until the probe succeeds, or fail with the log's tail
  local name=$1; shift
  local deadline=$((SECONDS + READY_TIMEOUT))
  until "$@"; do
    alive "$name" || { tail -n 30 "$RUN_DIR/$name.log" >&2; die "$name exited during start"; }
    ((SECONDS < deadline)) || { tail -n 30 "$RUN_DIR/$name.log" >&2; die "$name not ready in ${READY_TIMEOUT}s"; }
    sleep 0.5
  done
}

ready() { curl -fs -o /dev/null "http://127.0.0.1:$1/ready"; }

start_mongo() {
  alive mongo && return
  local port; port=$(port_of mongo) # restarted after a stop: the nodes know this port
  [[ -n $port ]] || port=$(free_port 27117)
  launch mongo "$port" java ${JAVA_OPTS:--Xmx256m} -cp "$JAR" app.poison.storage.MongoServerMain \
    --port "$port" --dir "$RUN_DIR/data/mongo"
  await mongo listening "$port"
}

start_node() { # name role port
  local name=$1 role=$2 port=$3
  launch "$name" "$port" env POISON_ROLE="$role" POISON_HTTP_HOST=127.0.0.1 POISON_HTTP_PORT="$port" \
    POISON_DATA_DIR="$RUN_DIR/data/$name" POISON_MONGO_URI="mongodb://127.0.0.1:$(port_of mongo)" \
    POISON_REDIS_URI="$REDIS_URI" POISON_AMQP_URI="$AMQP_URI" POISON_AMQP_NAMESPACE="$(namespace)" \
    java ${JAVA_OPTS:--Xmx1g} -jar "$JAR"
}

add_worker() {
  alive api || die "api not running: scripts/cluster.sh start"
  local last; last=$(workers | tail -n 1)
  local name="worker-$(( ${last#worker-} + 1 ))"
  start_node "$name" worker "$(free_port 8181)"
  await "$name" ready "$(port_of "$name")"
  log "$name ready"
}

start() {
  local wanted=2
  [[ ${1:-} == --workers ]] && wanted=${2:?--workers needs a number}
  [[ -f $JAR ]] || die "$JAR missing: ./mvnw -B package -DskipTests"
  mkdir -p "$RUN_DIR"
  for name in $(workers); do alive "$name" || rm -f "$RUN_DIR/$name".{pid,port}; done
  start_mongo
  if ! alive api; then
    listening "$API_PORT" && die "port $API_PORT is taken (set POISON_CLUSTER_API_PORT)"
    start_node api api "$API_PORT"
    await api ready "$API_PORT"
    log "api ready on http://127.0.0.1:$API_PORT"
  fi
  while (( $(workers | wc -l) < wanted )); do add_worker; done
  status
}

stop_process() { # name: SIGTERM, wait up to 40 s, then SIGKILL
  local name=$1 pid; pid=$(pid_of "$name")
  if alive "$name"; then
    kill -TERM "$pid"
    for _ in $(seq 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then log "$name ignored SIGTERM, killing"; kill -KILL "$pid"; fi
    log "$name stopped"
  fi
  rm -f "$RUN_DIR/$name".{pid,port}
}

remove_worker() {
  local last; last=$(workers | tail -n 1)
  [[ -n $last ]] || die "no worker running"
  stop_process "$last"
}

stop() {
  for name in $(workers); do stop_process "$name" & done
  wait
  stop_process api
  stop_process mongo
  if [[ ${1:-} == --purge && -f $RUN_DIR/namespace ]]; then
    for queue in jobs.inference jobs.results; do
      rabbitmqctl -q delete_queue "$(namespace).$queue" >/dev/null 2>&1 || log "could not delete $(namespace).$queue"
    done
    rm -f "$RUN_DIR/namespace"
  fi
}

status() {
  printf '%-10s %-8s %-6s %-6s %s\n' NAME PID PORT READY RSS_MB
  for name in mongo api $(workers); do
    [[ -f $RUN_DIR/$name.pid ]] || continue
    local pid port state rss
    pid=$(pid_of "$name"); port=$(port_of "$name")
    if ! alive "$name"; then state=dead; rss=-
    else
      rss=$(( $(ps -o rss= -p "$pid") / 1024 ))
      if [[ $name == mongo ]]; then listening "$port" && state=up || state=down
      else state=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/ready" || true)
      fi
    fi
    printf '%-10s %-8s %-6s %-6s %s\n' "$name" "$pid" "$port" "$state" "$rss"
  done
}

case ${1:-} in
  start) shift; start "$@" ;;
  add-worker) add_worker ;;
  remove-worker) remove_worker ;;
  stop) shift; stop "$@" ;;
  status) status ;;
  *) sed -n '2,17p' "$0" >&2; exit 2 ;;
esac
