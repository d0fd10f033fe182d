#!/usr/bin/env bash
# bench/compare.sh [quick|full]
#
# Direct PostgreSQL 15 vs PgBouncer (Debian's package, transaction mode) vs pgwake, on this machine, in
# one run: pgbench workloads (-S simple/extended/prepared, TPC-B-like, -S -C) at several client counts,
# the targets alternating, several rounds; then loadtest's oltp (latency percentiles), idle (memory per
# connection, all three targets) and storm (C clients at once on a sleeping branch, pgwake only: a second
# pgwake with the local driver, since the static one cannot sleep) scenarios. Prints one table of medians
# with the ratios pgwake/PgBouncer and pgwake/direct; a failed run is shown as FAILED with its reason.
# Everything it starts is stopped and its scratch directory removed on exit. The soft open-file limit is
# raised to the hard one first (ulimit -n), for PgBouncer and PostgreSQL; the JVMs raise their own.
#
#   quick  2 rounds x 2 s, clients 1 16 64, idle 10,000 (PostgreSQL 200), storm hot   (under 5 minutes on 2 cores)
#   full   3 rounds x 15 s, clients 1 16 64, idle 10,000 (PostgreSQL 200), storm hot, warm, cold   (about 35 minutes)
#
# Overrides (environment): BENCH_ROUNDS, BENCH_DURATION (seconds), BENCH_CLIENTS ("1 16 64"),
# BENCH_WORKLOADS (names from the list below), BENCH_SCALE, BENCH_IDLE (idle connections to each proxy, 0 = skip),
# BENCH_DIRECT_IDLE (idle connections to PostgreSQL itself, a backend each: default at most 200),
# BENCH_LOADTEST_DURATION (seconds, 0 = skip), BENCH_STORM (storm clients, 0 = skip), BENCH_STORM_KINDS
# ("hot warm cold"), BENCH_WARMUP (seconds of each workload through every target before the first round,
# not recorded: the JVM's JIT compiles a serving pgwake's paths long before a 2 s run would; 0 = none),
# BENCH_RESULTS (directory), PGBIN, PGWAKE_JAVA_OPTS.
# Results: bench/results/<UTC time>-<mode>/ (runs.tsv, table.txt, loadtest JSON and HTML reports).
set -Eeuo pipefail

MODE=${1:-quick}
case "$MODE" in
  quick) ROUNDS=2; DURATION=2; CLIENTS="1 16 64"; IDLE=10000; LT_DURATION=2; STORM=1000; STORM_KINDS="hot"; WARMUP=2 ;;
  full) ROUNDS=3; DURATION=15; CLIENTS="1 16 64"; IDLE=10000; LT_DURATION=10; STORM=1000; STORM_KINDS="hot warm cold"; WARMUP=5 ;;
  -h|--help|help) sed -n '2,25p' "$0"; exit 0 ;;
  *) echo "usage: $0 [quick|full]" >&2; exit 2 ;;
esac
ROUNDS=${BENCH_ROUNDS:-$ROUNDS}
DURATION=${BENCH_DURATION:-$DURATION}
CLIENTS=${BENCH_CLIENTS:-$CLIENTS}
IDLE=${BENCH_IDLE:-$IDLE}
DIRECT_IDLE=${BENCH_DIRECT_IDLE:-$(( IDLE < 200 ? IDLE : 200 ))}
LT_DURATION=${BENCH_LOADTEST_DURATION:-$LT_DURATION}
STORM=${BENCH_STORM:-$STORM}
STORM_KINDS=${BENCH_STORM_KINDS:-$STORM_KINDS}
WARMUP=${BENCH_WARMUP:-$WARMUP}
SCALE=${BENCH_SCALE:-10}
POOL_SIZE=20            # PgBouncer's default_pool_size; what pgwake's pools will be sized to
WORKLOADS=${BENCH_WORKLOADS:-"S-simple S-extended S-prepared tpcb S-connect"}
TARGETS="direct pgbouncer pgwake"

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGWAKE_JAR=$ROOT/proxy/target/pgwake.jar
LOADTEST_JAR=$ROOT/loadtest/target/pgwake-loadtest.jar
# connection logging off, as for PgBouncer (log_connections = 0)
PGWAKE_JAVA_OPTS=${PGWAKE_JAVA_OPTS:-"-Dpgwake.log.level=warn"}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS=${BENCH_RESULTS:-$ROOT/bench/results/$STAMP-$MODE}
CLK_TCK=$(getconf CLK_TCK)
export PGSSLMODE=disable PGGSSENCMODE=disable PGCONNECT_TIMEOUT=10 PGAPPNAME=pgwake-bench

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

workload_args() {
  case "$1" in
    S-simple) echo "-S -M simple" ;;
    S-extended) echo "-S -M extended" ;;
    S-prepared) echo "-S -M prepared" ;;
    tpcb) echo "-M simple" ;;
    S-connect) echo "-S -C -M simple" ;;
    *) die "unknown workload $1 (S-simple S-extended S-prepared tpcb S-connect)" ;;
  esac
}

workload_title() {
  case "$1" in
    tpcb) echo "TPC-B -M simple" ;;
    *) workload_args "$1" ;;
  esac
}

# --- processes we start, stopped by the trap -------------------------------------------------------
WORK=""; PG_DATA=""; BOUNCER_PID=""; PGWAKE_PID=""; STORM_PID=""; STORM_PORT=""
if [ "$(id -u)" = 0 ]; then AS_PG=(runuser -u postgres --); EXEC_PG=(setpriv --reuid=postgres --regid=postgres --init-groups); else AS_PG=(); EXEC_PG=(); fi

cleanup() {
  local rc=$?
  set +e
  if [ -n "$STORM_PID" ] && kill -0 "$STORM_PID" 2>/dev/null; then
    stop_pgwake_branches "$STORM_PORT"
  fi
  stop_pid "$STORM_PID" "pgwake (local driver)"
  [ -n "$WORK" ] && [ -d "$WORK/wake-data" ] && stop_postmasters "$WORK/wake-data"
  stop_pid "$PGWAKE_PID" pgwake
  stop_pid "$BOUNCER_PID" pgbouncer
  if [ -n "$PG_DATA" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
    "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PG_DATA" -m immediate -t 30 -w stop >/dev/null 2>&1
    for _ in $(seq 100); do [ -f "$PG_DATA/postmaster.pid" ] || break; sleep 0.1; done
  fi
  [ -n "$WORK" ] && rm -rf "$WORK"
  exit $rc
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

wait_ready() { # name port [database]: until a real query answers, at most 30 s
  local i
  for i in $(seq 300); do
    "$PGBIN/psql" -h 127.0.0.1 -p "$2" -U postgres -d "${3:-bench}" -Atqc 'SELECT 1' >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  return 1
}

cpu_ticks() { # pid: utime + stime (fields 14, 15) after the ")" that ends the command name
  local stat rest
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  rest=${stat##*) }
  set -- $rest
  echo $(( ${12} + ${13} ))
}

rss_bytes() { awk '/^VmRSS:/ { print $2 * 1024 }' "/proc/$1/status" 2>/dev/null; }

# --- preflight -------------------------------------------------------------------------------------
[ -x "$PGBIN/pgbench" ] && [ -x "$PGBIN/initdb" ] || die "PostgreSQL binaries not found in $PGBIN (set PGBIN)"
if ! command -v pgbouncer >/dev/null 2>&1 && [ ! -x /usr/sbin/pgbouncer ]; then
  log "installing PgBouncer (Debian package)"
  [ "$(id -u)" = 0 ] || die "pgbouncer is not installed and installing it needs root: apt-get install -y pgbouncer"
  (apt-get install -y --no-install-recommends pgbouncer >/dev/null 2>&1 ||
    (apt-get update >/dev/null && apt-get install -y --no-install-recommends pgbouncer >/dev/null)) ||
    die "cannot install pgbouncer with apt-get"
  # the package may start its own service on 6432; we run our own instance only
  service pgbouncer stop >/dev/null 2>&1 || true
fi
PGBOUNCER=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)
if [ ! -f "$PGWAKE_JAR" ] || [ ! -f "$LOADTEST_JAR" ]; then
  log "building pgwake and loadtest (mvn -q -DskipTests package -pl proxy,loadtest -am)"
  (cd "$ROOT" && mvn -q -DskipTests package -pl proxy,loadtest -am) || die "build failed"
fi
raise_fd_limit   # enough descriptors for the idle scenario's connections (PgBouncer, PostgreSQL; JVMs raise their own)
MAX_CONN=$(( DIRECT_IDLE + 100 > 300 ? DIRECT_IDLE + 100 : 300 ))

WORK=$(mktemp -d /tmp/pgwake-bench.XXXXXX)
chmod 755 "$WORK"
[ "$(id -u)" = 0 ] && chown postgres: "$WORK"
mkdir -p "$RESULTS"
PG_PORT=$(free_port); BOUNCER_PORT=$(free_port); PGWAKE_PORT=$(free_port)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# --- PostgreSQL ------------------------------------------------------------------------------------
log "PostgreSQL 15 on 127.0.0.1:$PG_PORT (fsync off), pgbench scale $SCALE"
PG_DATA=$WORK/pg
"${AS_PG[@]}" "$PGBIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$WORK/initdb.log" 2>&1 ||
  { PG_DATA=""; die "initdb failed: $(tail -3 "$WORK/initdb.log")"; }
cat >>"$PG_DATA/postgresql.auto.conf" <<EOF
port = $PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$WORK'
max_connections = $MAX_CONN
shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PG_DATA" -l "$WORK/postgres.log" -t 60 -w start >/dev/null ||
  die "PostgreSQL did not start: $(tail -5 "$WORK/postgres.log")"
"$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atqc 'CREATE DATABASE bench' >/dev/null
timeout 600 "$PGBIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -i -q -s "$SCALE" bench >"$WORK/init.log" 2>&1 ||
  die "pgbench -i failed: $(tail -3 "$WORK/init.log")"
PG_VERSION=$("$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d bench -Atqc 'SHOW server_version')
PG_PID=$(head -1 "$PG_DATA/postmaster.pid")

# --- PgBouncer -------------------------------------------------------------------------------------
mkdir -p "$WORK/pgbouncer"
cat >"$WORK/pgbouncer/pgbouncer.ini" <<EOF
[databases]
bench = host=127.0.0.1 port=$PG_PORT dbname=bench
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
auth_type = trust
auth_file = $WORK/pgbouncer/userlist.txt
pool_mode = transaction
default_pool_size = $POOL_SIZE
min_pool_size = 0
reserve_pool_size = 0
max_client_conn = $(( IDLE + 200 ))
ignore_startup_parameters = extra_float_digits
log_connections = 0
log_disconnections = 0
logfile = $WORK/pgbouncer/pgbouncer.log
EOF
echo '"postgres" ""' >"$WORK/pgbouncer/userlist.txt"
[ "$(id -u)" = 0 ] && chown -R postgres: "$WORK/pgbouncer"
"${EXEC_PG[@]}" "$PGBOUNCER" "$WORK/pgbouncer/pgbouncer.ini" >>"$WORK/pgbouncer/stdout.log" 2>&1 &
BOUNCER_PID=$!
BOUNCER_VERSION=$("$PGBOUNCER" --version 2>/dev/null | head -1 | awk '{print $NF}')
log "PgBouncer $BOUNCER_VERSION on 127.0.0.1:$BOUNCER_PORT (pid $BOUNCER_PID, transaction mode, pool $POOL_SIZE)"

# --- pgwake ----------------------------------------------------------------------------------------
cat >"$WORK/pgwake.yaml" <<EOF
listen: 127.0.0.1:$PGWAKE_PORT
tls:
  mode: "off"
http:
  listen: 127.0.0.1:$(free_port)
driver:
  kind: static
  branches:
    main: 127.0.0.1:$PG_PORT
pool:
  pool_mode: transaction
  pool_size: $POOL_SIZE
  max_client_conn: $(( IDLE + 200 ))
http:
  enabled: false
EOF
PGWAKE_JAR=$PGWAKE_JAR PGWAKE_JAVA_OPTS=$PGWAKE_JAVA_OPTS "$ROOT/bin/pgwake" --config "$WORK/pgwake.yaml" >"$WORK/pgwake.log" 2>&1 &
PGWAKE_PID=$!
log "pgwake on 127.0.0.1:$PGWAKE_PORT (pid $PGWAKE_PID, transaction mode, pool $POOL_SIZE, static driver)"

# --- pgwake with the local driver, for the storm (branches that can sleep) ---------------------------
if [ "$STORM" -gt 0 ]; then
  STORM_PORT=$(free_port); STORM_HTTP=$(free_port)
  mkdir -m 755 "$WORK/wake-data"
  cat >"$WORK/pgwake-local.yaml" <<EOF
listen: 127.0.0.1:$STORM_PORT
tls:
  mode: "off"
http:
  listen: 127.0.0.1:$STORM_HTTP
driver:
  kind: local
  data_root: $WORK/wake-data
  bin_dir: $PGBIN
lifecycle:
  idle_after: "off"
  suspend_after: "off"
  stop_after: "off"
EOF
  PGWAKE_JAR=$PGWAKE_JAR PGWAKE_JAVA_OPTS=$PGWAKE_JAVA_OPTS "$ROOT/bin/pgwake" --config "$WORK/pgwake-local.yaml" >"$WORK/pgwake-local.log" 2>&1 &
  STORM_PID=$!
  log "pgwake (local driver, for the storm) on 127.0.0.1:$STORM_PORT (pid $STORM_PID, lifecycle timers off)"
fi

declare -A PORT=([direct]=$PG_PORT [pgbouncer]=$BOUNCER_PORT [pgwake]=$PGWAKE_PORT)
declare -A PID=([direct]="" [pgbouncer]=$BOUNCER_PID [pgwake]=$PGWAKE_PID)
declare -A DOWN=()
for t in $TARGETS; do
  if ! wait_ready "$t" "${PORT[$t]}"; then
    case $t in
      pgbouncer) DOWN[$t]="PgBouncer did not answer: $(tail -2 "$WORK/pgbouncer/pgbouncer.log" "$WORK/pgbouncer/stdout.log" 2>/dev/null | tr '\n\t' '  ')" ;;
      pgwake) DOWN[$t]="pgwake did not answer: $(tail -3 "$WORK/pgwake.log" | tr '\n\t' '  ')" ;;
      *) DOWN[$t]="PostgreSQL did not answer" ;;
    esac
    log "${DOWN[$t]}"
  fi
done

# --- runs ------------------------------------------------------------------------------------------
TSV=$RESULTS/runs.tsv
printf 'round\tworkload\tclients\ttarget\tstatus\ttps\tlatency_ms\ttransactions\terrors\tcpu_us\trss_bytes\treport\treason\n' >"$TSV"

record() { # round workload clients target status tps latency tx errors cpu_us rss report reason
  local reason=${13//$'\t'/ }
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$8" "$9" \
    "${10}" "${11}" "${12}" "${reason:0:240}" >>"$TSV"
}

run_pgbench() { # round workload clients target
  local round=$1 workload=$2 clients=$3 target=$4 pid=${PID[$4]} jobs=$(( $3 < 2 ? 1 : 2 ))
  local out=$WORK/pgbench.out err=$WORK/pgbench.err before="" after="" rc=0 tps lat tx errors reason cpu="-" rss="-"
  if [ -n "${DOWN[$target]:-}" ]; then
    record "$round" "$(workload_title "$workload")" "$clients" "$target" failed - - - - - - - "${DOWN[$target]}"; return
  fi
  [ -n "$pid" ] && before=$(cpu_ticks "$pid" || true)
  # shellcheck disable=SC2046
  timeout $(( DURATION + 60 )) "$PGBIN/pgbench" -n -h 127.0.0.1 -p "${PORT[$target]}" -U postgres -T "$DURATION" \
    -c "$clients" -j "$jobs" $(workload_args "$workload") bench >"$out" 2>"$err" || rc=$?
  if [ -n "$pid" ]; then
    after=$(cpu_ticks "$pid" || true)
    [ -n "$before" ] && [ -n "$after" ] && cpu=$(( (after - before) * 1000000 / CLK_TCK ))
    rss=$(rss_bytes "$pid"); rss=${rss:--}
  fi
  tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$out" | head -1)
  lat=$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' "$out" | head -1)
  tx=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$out" | head -1)
  errors=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out" | head -1)
  if [ "$rc" -ne 0 ] || [ -z "$tps" ]; then
    reason=$(grep -m1 -iE 'error|fatal|abort|could not' "$err" || true)
    [ "$rc" = 124 ] && reason="pgbench did not finish within $(( DURATION + 60 )) s; $reason"
    [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null && reason="$target exited during the run; $reason"
    reason=${reason:-"pgbench exited with $rc: $(tail -1 "$err")"}
    record "$round" "$(workload_title "$workload")" "$clients" "$target" failed - - - - - - - "${reason//pgbench: /}"
    log "  $target $(workload_title "$workload") c=$clients: FAILED: ${reason:0:120}"
  else
    record "$round" "$(workload_title "$workload")" "$clients" "$target" ok "$tps" "${lat:--}" "${tx:--}" "${errors:--}" "$cpu" "$rss" - ""
    log "  $target $(workload_title "$workload") c=$clients: tps $tps, latency ${lat:--} ms"
  fi
}

run_loadtest() { # round target scenario: loadtest's oltp or idle through one target
  local round=$1 target=$2 scenario=$3 pid=${PID[$2]} name rc=0 status=ok report reason=""
  [ "$scenario" = idle ] && [ "$target" = direct ] && pid=$PG_PID   # the postmaster; its backends count as children
  local title="loadtest oltp -S extended" clients=16
  [ "$scenario" = idle ] && title="idle (loadtest, 3 s hold)" && clients=$IDLE
  [ "$scenario" = idle ] && [ "$target" = direct ] && clients=$DIRECT_IDLE
  name=$scenario-$target-r$round
  if [ -n "${DOWN[$target]:-}" ]; then
    record "$round" "$title" "$clients" "$target" failed - - - - - - - "${DOWN[$target]}"; return
  fi
  local args=(--url "jdbc:postgresql://127.0.0.1:${PORT[$target]}/bench?sslmode=disable" --user postgres
    --label "$target" --json "$RESULTS/$name.json" --html "$RESULTS/$name.html" --quiet)
  [ -n "$pid" ] && args+=(--pid "$pid")
  if [ "$scenario" = idle ]; then
    args+=(--clients "$clients" --duration 3s --openers 8)
  else
    args+=(--clients 16 --duration "${LT_DURATION}s" --warmup 2s --mix read-only --mode extended)
  fi
  timeout $(( LT_DURATION + 180 )) java -jar "$LOADTEST_JAR" "$scenario" "${args[@]}" >"$WORK/loadtest.out" 2>"$WORK/loadtest.err" || rc=$?
  if [ "$rc" -gt 1 ] || [ ! -f "$RESULTS/$name.json" ]; then
    status=failed; reason="loadtest exited with $rc: $(tail -2 "$WORK/loadtest.err" | tr '\n\t' '  ')"
    report=-
    log "  $target $scenario: FAILED: ${reason:0:160}"
  else
    report=$name.json
    [ "$rc" = 1 ] && reason="completed with errors (see $name.html)"
    log "  $target $scenario: $(grep -m1 -E 'Throughput|Memory per open connection, with' "$WORK/loadtest.out" | sed 's/^ *//')"
  fi
  record "$round" "$title" "$clients" "$target" "$status" - - - - - - "$report" "$reason"
}

run_storm() { # kind: loadtest's storm through the local-driver pgwake, STORM clients on a branch put to sleep
  local kind=$1 name=storm-$1 rc=0 status=ok report=- reason=""
  if [ -n "${STORM_DOWN:-}" ]; then
    record 1 "storm $kind" "$STORM" pgwake failed - - - - - - - "$STORM_DOWN"; return
  fi
  timeout 300 java -jar "$LOADTEST_JAR" storm --url "jdbc:postgresql://127.0.0.1:$STORM_PORT/postgres?sslmode=disable" \
    --user postgres --http-url "http://127.0.0.1:$STORM_HTTP" --branch main --clients "$STORM" --resume-kind "$kind" \
    --label "pgwake storm $kind" --json "$RESULTS/$name.json" --html "$RESULTS/$name.html" --quiet \
    >"$WORK/loadtest.out" 2>"$WORK/loadtest.err" || rc=$?
  if [ "$rc" -gt 1 ] || [ ! -f "$RESULTS/$name.json" ]; then
    status=failed; reason="loadtest exited with $rc: $(tail -2 "$WORK/loadtest.err" | tr '\n\t' '  ')"
    log "  storm $kind: FAILED: ${reason:0:160}"
  else
    report=$name.json
    [ "$rc" = 1 ] && reason="completed with errors (see $name.html)"
    log "  storm $kind: $(grep -m1 'Resumes during' "$WORK/loadtest.out" | sed 's/^ *//'), $(grep -m1 'p99' "$WORK/loadtest.out" | sed 's/^ *//')"
  fi
  record 1 "storm $kind" "$STORM" pgwake "$status" - - - - - - "$report" "$reason"
}

rotated() { # n: the targets, starting from the n-th, so that each goes first equally often
  local arr=($TARGETS) n=$(( $1 % 3 ))
  echo "${arr[@]:n}" "${arr[@]:0:n}"
}

if [ "$WARMUP" -gt 0 ]; then
  # at the most clients of the run: their path (clients queued for a server connection) is the longest to compile
  warm_clients=$(printf '%s\n' $CLIENTS | sort -n | tail -1)
  log "warm-up: $WARMUP s of each workload through each target, $warm_clients clients, not recorded"
  for workload in $WORKLOADS; do
    for target in $TARGETS; do
      [ -n "${DOWN[$target]:-}" ] && continue
      # shellcheck disable=SC2046
      timeout $(( WARMUP + 60 )) "$PGBIN/pgbench" -n -h 127.0.0.1 -p "${PORT[$target]}" -U postgres -T "$WARMUP" \
        -c "$warm_clients" -j 2 $(workload_args "$workload") bench >/dev/null 2>&1 || true
    done
  done
fi
log "runs: $ROUNDS round(s) x $DURATION s, clients: $CLIENTS, workloads: $WORKLOADS"
turn=0
for round in $(seq "$ROUNDS"); do
  log "round $round"
  for workload in $WORKLOADS; do
    for clients in $CLIENTS; do
      for target in $(rotated $turn); do run_pgbench "$round" "$workload" "$clients" "$target"; done
      turn=$((turn + 1))
    done
  done
  if [ "$LT_DURATION" -gt 0 ]; then
    for target in $(rotated $turn); do run_loadtest "$round" "$target" oltp; done
    turn=$((turn + 1))
  fi
done
if [ "$IDLE" -gt 0 ]; then
  log "idle connections: $IDLE to each proxy, $DIRECT_IDLE to PostgreSQL itself"
  for target in $TARGETS; do run_loadtest 1 "$target" idle; done
fi
if [ "$STORM" -gt 0 ]; then
  # the first connection creates branch main (initdb): wait for it here, after it had the whole run to start
  if ! wait_ready "pgwake (local driver)" "$STORM_PORT" postgres && ! wait_ready "pgwake (local driver)" "$STORM_PORT" postgres; then
    STORM_DOWN="pgwake (local driver) did not answer: $(tail -3 "$WORK/pgwake-local.log" | tr '\n\t' '  ')"
    log "$STORM_DOWN"
  fi
  log "storm: $STORM clients at once on a sleeping branch, kinds: $STORM_KINDS"
  for kind in $STORM_KINDS; do run_storm "$kind"; done
fi
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# --- the table -------------------------------------------------------------------------------------
{
  echo "bench/compare.sh $MODE, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, load average at start $LOAD_START, at end $LOAD_END"
  echo "pgbench $("$PGBIN/pgbench" --version | awk '{print $3}') -T $DURATION, -j 2 (1 for 1 client), scale $SCALE, sslmode=disable, auth trust everywhere, same client binary for all targets; warm-up $WARMUP s per workload and target before round 1, not counted"
} >"$RESULTS/table.txt"
java -jar "$LOADTEST_JAR" bench-table --input "$TSV" --targets direct,pgbouncer,pgwake \
  --ratio pgwake/pgbouncer --ratio pgwake/direct \
  --describe direct="PostgreSQL $PG_VERSION (pid $PG_PID), no pool: one backend per client connection; no proxy CPU/RSS" \
  --describe pgbouncer="PgBouncer $BOUNCER_VERSION, pool_mode=TRANSACTION, default_pool_size=$POOL_SIZE, connection logging off" \
  --describe pgwake="pgwake (proxy/target/pgwake.jar of $(date -u -r "$PGWAKE_JAR" +%Y-%m-%dT%H:%MZ), bin/pgwake: java ${PGWAKE_GC_OPTS:--XX:+UseSerialGC -Xmn8m} $PGWAKE_JAVA_OPTS), pool_mode=transaction, pool_size=$POOL_SIZE, static driver, logging at warn; storm: a second pgwake, local driver, lifecycle timers off" \
  >>"$RESULTS/table.txt"
cat "$RESULTS/table.txt"
echo
echo "Took $SECONDS s."
echo "Results: $RESULTS (runs.tsv, table.txt, loadtest reports *.html / *.json)"
