#!/usr/bin/env bash
# The test command (README, "Test"; .ci/run runs it too). On a Debian machine of this kind it
# first installs what the suite needs and is missing (JDK 17, Redis, RabbitMQ, Chromium and its
# driver, Korean fonts, npm, wrk), starts the local Redis (127.0.0.1:6379) and RabbitMQ
# (127.0.0.1:5672) when they are stopped, then runs `./mvnw -B verify` with any arguments given.
# Says nothing before Maven's output when everything is already there.
#
#   scripts/test.sh [maven arguments...]     e.g. scripts/test.sh -Dtest=SearchApiTest
#   scripts/test.sh --dry-run                prints the set-up it would do, runs nothing
#   scripts/test.sh --setup-only             the set-up without the suite (.ci/run, then ./mvnw)
set -euo pipefail
cd "$(dirname "$0")/.."

dry_run=false
setup_only=false
if [[ ${1:-} == --dry-run ]]; then
  dry_run=true
  shift
elif [[ ${1:-} == --setup-only ]]; then
  setup_only=true
  shift
fi

log() { printf '[test] %s\n' "$*" >&2; }

run() { # command...: run it, or only say it in a dry run
  if $dry_run; then
    printf 'would run: %s\n' "$*" >&2
  else
    "$@"
  fi
}

as_root() { # command...: directly as root, else through sudo
  if [[ $(id -u) -eq 0 ]]; then run "$@"; else run sudo "$@"; fi
}

has() { command -v "$1" >/dev/null 2>&1; }

java_17_or_later() {
  has javac || return 1
  local version
  version=$(javac -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p')
  [[ -n $version && $version -ge 17 ]]
}

missing_packages() { # the Debian packages the suite needs and this machine lacks, one a line
  java_17_or_later || echo openjdk-17-jdk-headless
  has curl || has wget || echo curl                           # ./mvnw fetches Maven on first use
  has redis-server || echo redis-server
  has rabbitmq-server || echo rabbitmq-server
  has chromium || echo chromium                               # browser tests
  has chromedriver || echo chromium-driver
  grep -qi nanum <(fc-list 2>/dev/null) || echo fonts-nanum  # Korean glyphs in their screenshots
  has npm || echo npm                                         # the build installs the web app's libraries
  has wrk || echo wrk                                         # benchmarks (not the suite) use it
}

install_missing() {
  local packages
  mapfile -t packages < <(missing_packages)
  ((${#packages[@]} > 0)) || return 0
  log "installing ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Another apt run on the machine holds the lock for a while: wait for it rather than fail.
  as_root apt-get -qq -o DPkg::Lock::Timeout=600 update || log "apt-get update failed; trying the install anyway"
  as_root apt-get install -y -qq -o DPkg::Lock::Timeout=600 "${packages[@]}" >/dev/null
}

redis_up() { [[ $(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null) == PONG ]]; }

rabbitmq_up() { rabbitmq-diagnostics -q ping >/dev/null 2>&1; }

start_redis() { # the machine's test Redis: nothing kept on disk
  redis_up && return 0
  log "starting Redis on 127.0.0.1:6379"
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/test.log
  $dry_run || await "Redis" redis_up
}

start_rabbitmq() {
  rabbitmq_up && return 0
  log "starting RabbitMQ on 127.0.0.1:5672"
  as_root rabbitmq-server -detached || true # a node already starting says so; the wait below decides
  $dry_run || await "RabbitMQ" rabbitmq_up
}

await() { # name check: up to 2 minutes
  for _ in $(seq 1 120); do
    "$2" && return 0
    sleep 1
  done
  log "$1 did not start within 2 minutes"
  exit 1
}

install_missing
start_redis
start_rabbitmq
$setup_only || run ./mvnw -B verify "$@"
