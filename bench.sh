#!/usr/bin/env bash
# One-command side-by-side benchmark: AkkaCollab and the ShareDB 7 reference server on this
# machine, the same load generator (the ShareDB anchor's, through tests/loadgen), the same private
# PostgreSQL (fsync on), the two servers ALTERNATING run by run. Prints one table (both servers,
# the ratios, CPU, memory, divergence, the load generator's own CPU) and writes it to
# artifacts/bench/summary.md. Scenarios and how to read them: docs/benchmarks.md, "./bench.sh".
#
# Usage: ./bench.sh              the full run (~20 min on 2 cores)
#        QUICK=1 ./bench.sh      a smoke run: seconds per scenario, small client counts (not a measurement)
# Env: SCENARIOS ("s1 s1x3 s3 s2 hot s4 s5 s6"), REPS (1: runs of S1, S3, S4, S5 per server),
#      S2_STEPS (R values, offered = 300*R ops/s over 100 docs x 3 clients), HOT_STEPS ("CLIENTSxRATE" on one doc),
#      HOTW_STEPS ("WRITERSxLANES" for S6, ours only), IDLE (10000 sockets for S5), LG_PROCS_LADDER (2: load generator processes in the S2 ladder;
#      doubled for a failing step where one of them used >= LG_SATURATED=80 % of a core), LADDER_DRAIN (90),
#      TRACE_SECONDS (30), SKIP_BUILD (0), PORT (5470), AKKACOLLAB_PG_DIR / AKKACOLLAB_PG_PORT
#      (/tmp/akkacollab-pg-bench, 55440), WAITLOAD_MAX_WAIT (0: s of waiting for load1 <= 0.8 per run).
# Installs what it needs (like test.sh): PostgreSQL (tests/scripts/postgres.sh), npm ci of a scratch
# copy of the anchor and of tests/loadgen, dotnet publish of src/Web.
set -euo pipefail
cd "$(dirname "$0")"

export AKKACOLLAB_PG_DIR="${AKKACOLLAB_PG_DIR:-/tmp/akkacollab-pg-bench}"
export AKKACOLLAB_PG_PORT="${AKKACOLLAB_PG_PORT:-55440}"
bench_out="$PWD/artifacts/bench"
export LOADGEN_RUNS="$bench_out/runs" LOADGEN_SCRATCH="${LOADGEN_SCRATCH:-/tmp/akkacollab-bench-anchor}"
# waitload.sh records load1 and 3 s of machine busy% before each run. Waiting for load1 <= 0.8
# (WAITLOAD_MAX_WAIT s at most, in 5 s steps) is off by default: after one of our own runs load1
# stays high for a minute whatever the machine does, and 25 runs would wait ~10 min.
export STEP=5 WAITLOAD_MAX_WAIT="${WAITLOAD_MAX_WAIT:-0}"
# S5 holds IDLE sockets in one client process and the server: both need that many descriptors.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

mode=full
if [[ "${QUICK:-0}" == 1 ]]; then
  mode=QUICK
  export WARMUP=1 DRAIN=20 POST_LOAD=2 WAITLOAD_MAX_WAIT=0
  dur=3; s1=(10 3 2); s3=(1 5 5); s2_docs=10; s2_steps="${S2_STEPS:-2 4}"; hot_steps="${HOT_STEPS:-4x10 4x25}"; ladder_dur=3
  trace_s="${TRACE_SECONDS:-3}"; idle="${IDLE:-200}"; active=(5 4 2); ladder_drain=20; hotw_steps="${HOTW_STEPS:-2x2}"
else
  export WARMUP="${WARMUP:-5}" DRAIN="${DRAIN:-60}" POST_LOAD="${POST_LOAD:-3}"
  dur=30; s1=(100 3 2); s3=(1 20 5); s2_docs=100; s2_steps="${S2_STEPS:-3 4 6 10 16 20}"; ladder_dur=20
  hot_steps="${HOT_STEPS:-10x20 10x50 20x50 20x100 40x100 40x250}"
  trace_s="${TRACE_SECONDS:-30}"; idle="${IDLE:-10000}"; active=(25 4 2); hotw_steps="${HOTW_STEPS:-2x4 4x8 8x8}"
  # A collapsed step needs time to drain its backlog before convergence is checked (the anchor's 90 s).
  ladder_drain="${LADDER_DRAIN:-90}"
fi
# shellcheck source=tests/loadgen/lib.sh
source tests/loadgen/lib.sh

# Each scenario alternates which server goes first, so that slow drift of the machine does not
# always favour the same one.
order=(akkacollab sharedb)
flip() { order=("${order[1]}" "${order[0]}"); }
each() { local sv; for sv in "${order[@]}"; do SERVER=$sv "$@" || log "$sv: $* failed"; done; flip; }

# A ladder on both servers, step by step alternately; a server leaves it at its first failing step.
# $1 = label prefix, $2 = function NAME STEP: runs that step for $SERVER and prints its result file.
ladder_both() {
  local prefix=$1 fn=$2 step sv f
  local -A left=()
  shift 2
  for step in "$@"; do
    for sv in "${order[@]}"; do
      [[ -n "${left[$sv]:-}" ]] && continue
      log "$prefix $sv step $step"
      f="$(SERVER=$sv "$fn" "$step")" || true
      if [[ -f "$f" ]] && passes "$f"; then log "  pass"; else log "  FAIL: $sv leaves the $prefix ladder"; left[$sv]=done; fi
    done
    flip
    [[ ${#left[@]} -eq 2 ]] && break
  done
  return 0
}
# A failing step whose load generator had a process at >= LG_SATURATED % of a core is run again
# with twice the processes (at most 8): the load generator must not be what fails.
s2_step() {
  local off procs=${LG_PROCS_LADDER:-2} f
  off=$(awk -v r="$1" -v d="$s2_docs" 'BEGIN{printf "%d", 3*d*r}')
  f="$runs/$(tag_of "S2-$off" 1).json"
  while :; do
    drain=$ladder_drain LG_PROCS=$procs run_one "S2-$off" "$s2_docs" 3 "$1" "$ladder_dur" 1 >&2 || true
    [[ -f "$f" ]] && ! passes "$f" && (( procs < 8 )) && lg_saturated "$f" || break
    log "  the load generator saturated a core: S2-$off again with $((procs * 2)) processes"
    mv "$f" "${f%.json}.lg$procs.json.txt"; procs=$((procs * 2))
  done
  echo "$f"
}
lg_saturated() {
  node -e 'const c=require(process.argv[1]).cpuPctDuringWindow; process.exit(Math.max(...(c.loadgenPctPerProcess||[c.loadgenPct]))>=+process.argv[2]?0:1)' "$1" "${LG_SATURATED:-80}"
}
# S3-hot and S4 are past our per-socket, per-user and per-document message limits by design
# (defaults 50, 100 and 500 a second; ShareDB has none): lifted for them, so that the server's
# ceiling shows and not the limits'.
unlimited="AkkaCollab__Web__MessagesPerSecond=1000000 AkkaCollab__Web__MessageBurst=1000000 AkkaCollab__Security__SocketPerDocumentPerSecond=1000000 AkkaCollab__Security__SocketPerDocumentBurst=1000000 AkkaCollab__Security__SocketPerUserPerSecond=1000000 AkkaCollab__Security__SocketPerUserBurst=1000000"
# One document, CLIENTS x RATE.
hot_step() {
  local c=${1%x*} r=${1#*x} off
  off=$((c * r))
  SERVER_ENV="$unlimited" drain=$ladder_drain run_one "S3hot-$off" 1 "$c" "$r" "$ladder_dur" 1 >&2 || true
  echo "$runs/$(tag_of "S3hot-$off" 1).json"
}

(( $(ulimit -n) >= idle + 1000 )) || log "warning: ulimit -n is $(ulimit -n), S5 wants $idle idle sockets (+1000)"
t0=$(date +%s)
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
log "bench ($mode): scenarios ${SCENARIOS:-s1 s1x3 s3 s2 hot s4 s5 s6}; results in $runs"
rm -rf "$runs.prev"; [[ -d "$runs" ]] && mv "$runs" "$runs.prev"
mkdir -p "$runs"
prepare
export SKIP_BUILD=1
trap '"$root/tests/scripts/postgres.sh" stop >/dev/null 2>&1 || true' EXIT

for sc in ${SCENARIOS:-s1 s1x3 s3 s2 hot s4 s5 s6}; do
  case "$sc" in
    # S1 three times on one server process: does memory come back after each load?
    s1x3) each run_repeated S1x3 3 "${s1[@]}" "$dur" ;;
    s1) for rep in $(seq 1 "${REPS:-1}"); do log "S1 rep $rep"; each run_one S1 "${s1[@]}" "$dur" "$rep"; done ;;
    s3) for rep in $(seq 1 "${REPS:-1}"); do log "S3 rep $rep"; each run_one S3 "${s3[@]}" "$dur" "$rep"; done ;;
    s2) ladder_both S2 s2_step $s2_steps ;;
    hot) ladder_both S3hot hot_step $hot_steps ;;
    s4) for rep in $(seq 1 "${REPS:-1}"); do log "S4 rep $rep"; TRACE_SECONDS=$trace_s SERVER_ENV="$unlimited" each run_trace S4 "$rep"; done ;;
    s5) for rep in $(seq 1 "${REPS:-1}"); do log "S5 rep $rep ($idle idle sockets)"; each run_idle S5 "$idle" "${active[@]}" "$dur" "$rep"; done ;;
    # One document from hot-writers.js, ours only (ShareDB has no protocol client here that keeps no text).
    s6) for step in $hotw_steps; do log "S6 $step"; SERVER=akkacollab SERVER_ENV="$unlimited" run_hot "S6-$step" "${step%x*}" "${step#*x}" "$ladder_dur" 1 || log "S6 $step failed"; done ;;
    *) log "unknown scenario $sc (s1 s1x3 s3 s2 hot s4 s5 s6)"; exit 2 ;;
  esac
done

took="$(( ($(date +%s) - t0) / 60 )) min $(( ($(date +%s) - t0) % 60 )) s"
log "bench: done in $took; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
BENCH_CONTEXT="took $took; load average (1/5/15 min) at the start $load_start, at the end $(cut -d' ' -f1-3 /proc/loadavg)" \
  QUICK="${QUICK:-0}" node tests/loadgen/bench-table.js "$runs" "$bench_out/summary.md"
