#!/usr/bin/env bash
# bench/wake.sh [REPEAT]
#
# pgwake's wake latency per resume kind (hot, warm, cold), each beside the bare server operation it
# stands on, in one run: starts pgwake (local driver, lifecycle timers off) in a scratch directory, runs
# loadtest's `wake` scenario with bare measurements on a throwaway cluster, prints the table and writes
# the JSON and HTML reports. Builds nothing: it uses the jars as they are. Everything it starts is stopped
# and its scratch directory (/tmp/pgwake-wake.*) removed on exit.
#
#   REPEAT  measured repetitions per kind (default 10), after WAKE_WARMUP (default 10: the JIT of a pgwake that has
#           been serving, as in production; the first wakes of a fresh JVM run interpreted code) not counted
#
# Overrides (environment): WAKE_KINDS (hot,warm,cold), WAKE_WARMUP, WAKE_COLD_MODE (archive|new-branch),
# WAKE_PAUSE (before each wake, default 250ms: no wake is measured during the after-work of the one before),
# WAKE_TIMEOUT (seconds for the whole loadtest run, default 1800), PGBIN, PGWAKE_JAR, LOADTEST_JAR,
# PGWAKE_JAVA_OPTS, BENCH_RESULTS (directory).
# Results: bench/results/<UTC time>-wake/ (table.txt, wake.json, wake.html).
# Build the jars first: mvn -q -DskipTests package -pl proxy,loadtest -am
set -Eeuo pipefail

case "${1:-}" in
  -h|--help|help) sed -n '2,18p' "$0"; exit 0 ;;
esac
REPEAT=${1:-10}
[[ "$REPEAT" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [REPEAT]  (a positive number)" >&2; exit 2; }
KINDS=${WAKE_KINDS:-hot,warm,cold}
WARMUP=${WAKE_WARMUP:-10}
COLD_MODE=${WAKE_COLD_MODE:-archive}
PAUSE=${WAKE_PAUSE:-250ms}
RUN_TIMEOUT=${WAKE_TIMEOUT:-1800}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGWAKE_JAR=${PGWAKE_JAR:-$ROOT/proxy/target/pgwake.jar}
LOADTEST_JAR=${LOADTEST_JAR:-$ROOT/loadtest/target/pgwake-loadtest.jar}
PGWAKE_JAVA_OPTS=${PGWAKE_JAVA_OPTS:-"-Dpgwake.log.level=info"}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS=${BENCH_RESULTS:-$ROOT/bench/results/$STAMP-wake}
export PGSSLMODE=disable PGGSSENCMODE=disable PGCONNECT_TIMEOUT=10 PGAPPNAME=pgwake-bench

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

# --- what we start, stopped by the trap ------------------------------------------------------------
WORK=""; PGWAKE_PID=""; PORT=""

admin() { pgwake_admin "$PORT" "$1"; } # SQL: one command on pgwake's admin console

cleanup() {
  local rc=$?
  set +e
  if [ -n "$PGWAKE_PID" ] && kill -0 "$PGWAKE_PID" 2>/dev/null; then
    # stop the branches through pgwake first, so it knows; whatever is left is stopped below
    stop_pgwake_branches "$PORT"
  fi
  stop_pid "$PGWAKE_PID" pgwake
  if [ -n "$WORK" ]; then
    stop_postmasters "$WORK"
    if [ "$rc" != 0 ] && [ -f "$WORK/pgwake.log" ]; then
      log "last lines of pgwake's log:"; tail -15 "$WORK/pgwake.log" >&2
    fi
    rm -rf "$WORK"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# --- preflight -------------------------------------------------------------------------------------
[ -f "$PGWAKE_JAR" ] || die "no $PGWAKE_JAR: build it first (mvn -q -DskipTests package -pl proxy,loadtest -am)"
[ -f "$LOADTEST_JAR" ] || die "no $LOADTEST_JAR: build it first (mvn -q -DskipTests package -pl proxy,loadtest -am)"
[ -x "$PGBIN/psql" ] && [ -x "$PGBIN/initdb" ] || die "PostgreSQL binaries not found in $PGBIN (set PGBIN)"
id postgres >/dev/null 2>&1 || [ "$(id -u)" != 0 ] || die "running as root needs an OS user postgres for the servers"

WORK=$(mktemp -d /tmp/pgwake-wake.XXXXXX)
chmod 755 "$WORK"                      # the servers' OS user must reach the data directories below
mkdir -m 755 "$WORK/data" "$WORK/bare"
mkdir -p "$RESULTS"
PORT=$(free_port)

# --- pgwake ----------------------------------------------------------------------------------------
cat >"$WORK/pgwake.yaml" <<EOF
listen: 127.0.0.1:$PORT
tls:
  mode: "off"
driver:
  kind: local
  data_root: $WORK/data
http:
  listen: 127.0.0.1:$(free_port)
lifecycle:
  idle_after: "off"
  suspend_after: "off"
  stop_after: "off"
EOF
PGWAKE_JAR=$PGWAKE_JAR PGWAKE_JAVA_OPTS=$PGWAKE_JAVA_OPTS "$ROOT/bin/pgwake" --config "$WORK/pgwake.yaml" >"$WORK/pgwake.log" 2>&1 &
PGWAKE_PID=$!
log "pgwake on 127.0.0.1:$PORT (pid $PGWAKE_PID, local driver under $WORK/data, lifecycle timers off)"
for i in $(seq 300); do
  admin 'SHOW VERSION' >/dev/null 2>&1 && break
  kill -0 "$PGWAKE_PID" 2>/dev/null || die "pgwake exited at start"
  [ "$i" = 300 ] && die "pgwake's admin console did not answer within 30 s"
  sleep 0.1
done
PGWAKE_VERSION=$(admin 'SHOW VERSION' 2>/dev/null | head -1)

# --- the run ---------------------------------------------------------------------------------------
log "wake: kinds $KINDS, $REPEAT repetitions each after $WARMUP warmup, cold mode $COLD_MODE, bare cluster under $WORK/bare"
rc=0
timeout "$RUN_TIMEOUT" java -jar "$LOADTEST_JAR" wake \
  --url "jdbc:postgresql://127.0.0.1:$PORT/postgres?sslmode=disable" --user postgres \
  --branch main --kinds "$KINDS" --repeat "$REPEAT" --warmup "$WARMUP" --cold-mode "$COLD_MODE" --pause "$PAUSE" \
  --bare-data-dir "$WORK/bare" --bare-bin "$PGBIN" --bare-user postgres \
  --label "$PGWAKE_VERSION, $(nproc) cores" \
  --json "$RESULTS/wake.json" --html "$RESULTS/wake.html" | tee "$RESULTS/table.txt" || rc=${PIPESTATUS[0]}
case $rc in
  0) log "done: $RESULTS" ;;
  1) log "done with errors (see the error lines above): $RESULTS" ;;
  124) log "the run did not finish within $RUN_TIMEOUT s (WAKE_TIMEOUT)" ;;
  *) log "loadtest could not measure (exit $rc)" ;;
esac
exit $rc
