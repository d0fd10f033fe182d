# bench/lib.sh: shell functions the bench scripts share (sourced, not run).

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

stop_pid() { # pid name: SIGTERM, wait up to 10 s, then SIGKILL
  local pid=$1 i
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  log "$2 ($pid) did not stop on SIGTERM; killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

free_port() { # a port below the ephemeral range that nothing listens on and this script has not handed out
  local p
  for _ in $(seq 200); do
    p=$((20000 + RANDOM % 12000))
    if ! ss -Htln "sport = :$p" | grep -q . && [[ " ${USED_PORTS:-} " != *" $p "* ]]; then
      USED_PORTS="${USED_PORTS:-} $p"; echo "$p"; return 0
    fi
  done
  die "no free port found"
}

pgwake_admin() { # port SQL: one command on pgwake's admin console, at most 60 s
  timeout 60 "$PGBIN/psql" -h 127.0.0.1 -p "$1" -U postgres -d pgwake -Atqc "$2"
}

stop_pgwake_branches() { # port: STOP BRANCH for every branch, so that pgwake stops its servers itself
  local branch
  for branch in $(pgwake_admin "$1" 'SHOW BRANCHES' 2>/dev/null | cut -d'|' -f1); do
    pgwake_admin "$1" "STOP BRANCH $branch" >/dev/null 2>&1
  done
}

stop_postmasters() { # dir: every server under it still running: continue it if frozen, fast shutdown
  local dir=$1 pidfile pm i left
  while IFS= read -r pidfile; do
    pm=$(head -1 "$pidfile" 2>/dev/null) || continue
    [[ "$pm" =~ ^[0-9]+$ ]] && kill -0 "$pm" 2>/dev/null || continue
    # a suspended branch is SIGSTOPped: it cannot shut down until continued (children first)
    # shellcheck disable=SC2046
    kill -CONT $(ps -o pid= --ppid "$pm" 2>/dev/null) "$pm" 2>/dev/null || true
    kill -INT "$pm" 2>/dev/null || true
  done < <(find "$dir" -name postmaster.pid 2>/dev/null)
  # PID 1 reaps late here: wait for the pid files to go rather than for the processes
  for i in $(seq 300); do
    left=$(find "$dir" -name postmaster.pid 2>/dev/null | wc -l)
    [ "$left" = 0 ] && return 0
    sleep 0.1
  done
  log "some servers under $dir did not stop within 30 s; killing them"
  while IFS= read -r pidfile; do
    pm=$(head -1 "$pidfile" 2>/dev/null) && [[ "$pm" =~ ^[0-9]+$ ]] && kill -KILL "$pm" 2>/dev/null || true
  done < <(find "$dir" -name postmaster.pid 2>/dev/null)
}

raise_fd_limit() { # the soft open-file limit up to the hard one, for this shell and what it starts
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || log "cannot raise ulimit -n above $(ulimit -n)"
}
