#!/usr/bin/env bash
# A throwaway single-node OpenSearch (2.19, from Maven Central's artifacts) for the archive's
# Elasticsearch path. Usage:
#   eval "$(.ci/search-engine.sh start DIR)"   # prints SEARCH_URL=elasticsearch://127.0.0.1:PORT/archive
#   ...
#   .ci/search-engine.sh stop DIR
# Needs Java 17 and Maven. The Maven repository and the built engine are cached under
# $ARCHIVE_ENGINE_CACHE (default ~/.cache/archive-search-engine): the first start downloads about
# 60 MB, later ones start offline. HTTP listens on 127.0.0.1 only, on ENGINE_PORT or a free port;
# the heap is ENGINE_HEAP (default 512m), other JVM options ENGINE_JAVA_OPTS. The engine's output
# is in DIR/engine.log.
set -euo pipefail
action=${1:?usage: search-engine.sh start|stop DIR}
dir=${2:?usage: search-engine.sh start|stop DIR}
here=$(cd "$(dirname "$0")" && pwd)
cache=${ARCHIVE_ENGINE_CACHE:-$HOME/.cache/archive-search-engine}
heap=${ENGINE_HEAP:-512m}
port=${ENGINE_PORT:-0}
index=${ENGINE_INDEX:-archive}
timeout=${ENGINE_START_TIMEOUT:-180}
# One GC thread and the C1 compiler only: the two cores are shared with the tests, and it starts
# in about 5 s instead of 8 under load. A benchmark sets ENGINE_JAVA_OPTS= (the JVM's defaults).
java_opts=${ENGINE_JAVA_OPTS--XX:+UseSerialGC -XX:TieredStopAtLevel=1}

# The engine's jar and classpath, built once per version of its sources (their hash names it).
build_engine() {
  local key build
  key=$(find "$here/engine/pom.xml" "$here/engine/src" -type f | sort | xargs cat | sha256sum | cut -c1-16)
  build="$cache/build-$key"
  if [ ! -f "$build/classpath" ]; then
    command -v mvn >/dev/null || { echo "search-engine: Maven (mvn) is needed to build the engine" >&2; exit 1; }
    echo "search-engine: building the engine with Maven (cached in $cache)" >&2
    mkdir -p "$cache"
    local work
    work=$(mktemp -d "$cache/work.XXXXXX")
    cp -r "$here/engine/pom.xml" "$here/engine/src" "$work/"
    (cd "$work" && mvn -B -q -Dmaven.repo.local="$cache/m2" package dependency:build-classpath \
      -Dmdep.outputFile=classpath.txt >&2)
    mkdir -p "$build.tmp"
    cp "$work/target/search-engine-1.jar" "$build.tmp/engine.jar"
    echo "$build/engine.jar:$(cat "$work/classpath.txt")" >"$build.tmp/classpath"
    rm -rf "$work" "$build"
    mv "$build.tmp" "$build"
  fi
  echo "$build/classpath"
}

case $action in
  start)
    command -v java >/dev/null || { echo "search-engine: Java 17 is needed (apt-get install openjdk-17-jre-headless)" >&2; exit 1; }
    classpath_file=$(build_engine)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
      echo "search-engine: already running in $dir (pid $(cat "$dir/pid"))" >&2
    else
      rm -f "$dir/http.port"
      started=$(date +%s.%N)
      # Its own session, no terminal, output to the log: it outlives this script, and $(...)
      # around this script returns at once.
      # shellcheck disable=SC2086  # ENGINE_JAVA_OPTS is a list of options
      setsid java -Xms"$heap" -Xmx"$heap" $java_opts \
        -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
        -cp "$(cat "$classpath_file")" archive.engine.Engine "$dir" "$port" \
        </dev/null >"$dir/engine.log" 2>&1 &
      echo $! >"$dir/pid"
      deadline=$((SECONDS + timeout))
      until [ -s "$dir/http.port" ]; do
        if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
          echo "search-engine: the engine stopped while starting; its log ($dir/engine.log):" >&2
          tail -n 40 "$dir/engine.log" >&2
          exit 1
        fi
        if [ $SECONDS -ge $deadline ]; then
          echo "search-engine: no answer within ${timeout}s; its log ($dir/engine.log):" >&2
          tail -n 40 "$dir/engine.log" >&2
          "$0" stop "$dir"
          exit 1
        fi
        sleep 0.2
      done
      bound=$(cat "$dir/http.port")
      # Answers, and its (empty) cluster is ready for an index.
      curl -fsS "http://127.0.0.1:$bound/_cluster/health?wait_for_status=yellow&timeout=60s" >/dev/null
      printf 'search-engine: OpenSearch on 127.0.0.1:%s in %.1fs (pid %s, heap %s)\n' \
        "$bound" "$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')" "$(cat "$dir/pid")" "$heap" >&2
    fi
    echo "SEARCH_URL=elasticsearch://127.0.0.1:$(cat "$dir/http.port")/$index"
    echo "export SEARCH_URL"
    ;;
  stop)
    [ -f "$dir/pid" ] || exit 0
    pid=$(cat "$dir/pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    fi
    rm -f "$dir/pid" "$dir/http.port"
    ;;
  *)
    echo "usage: search-engine.sh start|stop DIR" >&2
    exit 2
    ;;
esac
