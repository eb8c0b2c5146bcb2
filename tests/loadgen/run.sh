#!/usr/bin/env bash
# The gateway benchmark, one scenario at a time: the ShareDB anchor's load generator driving our
# server (protocol v1, through akkacollab-adapter.js) or the anchor's ShareDB server, on our
# private PostgreSQL, everything on 127.0.0.1 and bounded in time (the mechanism: lib.sh;
# every scenario for both servers in one table: ./bench.sh).
#
# Usage: tests/loadgen/run.sh WORKLOAD
#   s1                 S1: 100 docs x 3 clients x 2 ops/s, 30 s (REPS runs)
#   s3                 S3: 1 doc x 20 clients x 5 ops/s, 30 s (REPS runs)
#   s2                 S2 saturation ladder, 100 x 3, offered 300*R ops/s for R in S2_STEPS;
#                      a rep stops at its first failing step (pass: ack p99 <= 500 ms and
#                      acked/offered >= 0.95, as in the anchor's run-all.sh)
#   one LABEL DOCS CLIENTS RATE DURATION [REP]    one ad-hoc run
#   trace LABEL [REP]  one trace replay (S4; TRACE, TRACE_SECONDS, TRACE_OPS)
#   idle LABEL IDLE DOCS CLIENTS RATE DURATION [REP]  IDLE idle sockets + an active run (S5)
#   profile LABEL DOCS CLIENTS RATE DURATION [REP]  one run with dotnet-counters + dotnet-trace on the server
#   sharedb LABEL DOCS CLIENTS RATE DURATION [REP] the same run against the anchor's ShareDB server
#                      (= SERVER=sharedb ... one; SERVER=sharedb works with every workload)
#   summary            markdown table (medians per server and label) of every run under artifacts/loadgen/runs
#   stop               stop the PostgreSQL cluster this script started
# Env: REPS (3), S2_REPS (1), S2_STEPS ("3 3.5 4 5 6 8 12 16"), S2_STOP_ON_FAIL (1; 0 runs every step),
#      SERVER (akkacollab | sharedb), LG_PROCS (1: load generator processes), PORT (5470), WARMUP (5),
#      DRAIN (60), WAITLOAD_MAX_WAIT (60), SKIP_BUILD (0), LOADGEN_SCRATCH (/tmp/akkacollab-loadgen),
#      AKKACOLLAB_PG_DIR / AKKACOLLAB_PG_PORT (a private cluster: /tmp/akkacollab-pg-loadgen, 55470),
#      SERVER_ENV (extra "K=V ..." for our server), LOADGEN_EXTRA (extra load generator flags).
# Results: artifacts/loadgen/runs/[sharedb-]<label>_r<rep>.json (+ .server.log, .loadgen.log), summary.jsonl.
set -euo pipefail
# shellcheck source=tests/loadgen/lib.sh
source "$(dirname "$0")/lib.sh"

ladder() {
  local rep=$1 r off f
  for r in ${S2_STEPS:-3 3.5 4 5 6 8 12 16}; do
    off=$(awk -v r="$r" 'BEGIN{printf "%d", 300*r}')
    log "S2 rep $rep step $off ops/s (R=$r)"
    drain=90 run_one "S2-$off" 100 3 "$r" 30 "$rep" || true
    f="$runs/$(tag_of "S2-$off" "$rep").json"
    if [[ -f "$f" ]] && passes "$f"; then log "  pass"
    elif [[ "${S2_STOP_ON_FAIL:-1}" == 1 ]]; then log "  FAIL: the ladder stops for rep $rep"; break
    else log "  FAIL (S2_STOP_ON_FAIL=0: next step anyway)"; fi
  done
}

case "${1:-}" in
  s1) prepare; for rep in $(seq 1 "${REPS:-3}"); do log "S1 rep $rep"; run_one S1 100 3 2 30 "$rep" || true; done ;;
  s3) prepare; for rep in $(seq 1 "${REPS:-3}"); do log "S3 rep $rep"; run_one S3 1 20 5 30 "$rep" || true; done ;;
  s2) prepare; for rep in ${S2_REPS:-1}; do ladder "$rep"; done ;;
  one) shift; prepare; run_one "$@" ;;
  trace) shift; prepare; run_trace "$@" ;;
  idle) shift; prepare; run_idle "$@" ;;
  profile) shift; prepare; install_tools; PROFILE=1 run_one "$@" ;;
  sharedb) shift; SKIP_BUILD=1 prepare; SERVER=sharedb run_one "$@" ;;
  summary) node "$here/summarize.js" "$runs" ;;
  stop) "$root/tests/scripts/postgres.sh" stop || true ;;
  *) sed -n '7,30p' "$0" >&2; exit 2 ;;
esac
