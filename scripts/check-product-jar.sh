#!/usr/bin/env bash
# Build check, run by `./mvnw verify`: the product jar carries no benchmark or load-tool class.
# Fails, naming them, on any class under app/poison/bench/, any *Benchmark class, and any class of
# the product's packages named like a class of the bench jar (a tool moved back next to the code).
#
#   scripts/check-product-jar.sh target/poison.jar [target/poison-bench.jar]
set -euo pipefail
product=$1
bench=${2:-}
jar_tool=${JAVA_HOME:+$JAVA_HOME/bin/}jar

top_level_names() { # jar: the simple names of its app.poison classes, nested classes folded into theirs
  "$jar_tool" tf "$1" | sed -n 's#^app/poison/\(.*/\)\{0,1\}\([^/$]*\)\(\$[^/]*\)\{0,1\}\.class$#\2#p' | sort -u
}

found=$("$jar_tool" tf "$product" | grep -E '^app/poison/(bench/.*|.*Benchmark(\$.*)?\.class)$' || true)
if [[ -n $bench && -f $bench ]]; then
  same_names=$(comm -12 <(top_level_names "$product") <(top_level_names "$bench"))
  found+=${same_names:+$'\n'"named like classes of $bench: "$same_names}
fi
if [[ -n ${found//$'\n'/} ]]; then
  echo "$product contains benchmark or load-tool classes (they belong in src/bench/java):" >&2
  sed '/^$/d' <<<"$found" >&2
  exit 1
fi
