#!/usr/bin/env bash
# The gateway benchmark: the ShareDB anchor's load generator driving our server (protocol v1)
# through akkacollab-adapter.js, on PostgreSQL, everything on 127.0.0.1 and bounded in time.
#
# Usage: tests/loadgen/run.sh WORKLOAD
#   s1                 S1: 100 docs x 3 clients x 2 ops/s, 30 s (REPS runs)
#   s3                 S3: 1 doc x 20 clients x 5 ops/s, 30 s (REPS runs)
#   s2                 S2 saturation ladder, 100 x 3, offered 300*R ops/s for R in S2_STEPS;
#                      a rep stops at its first failing step (pass: ack p99 <= 500 ms and
#                      acked/offered >= 0.95, as in the anchor's run-all.sh)
#   one LABEL DOCS CLIENTS RATE DURATION [REP]    one ad-hoc run
#   profile LABEL DOCS CLIENTS RATE DURATION [REP]  one run with dotnet-counters + dotnet-trace on the server
#   sharedb LABEL DOCS CLIENTS RATE DURATION [REP] the same run against the anchor's ShareDB server
#   summary            markdown table (medians per label) of every run under artifacts/loadgen/runs
#   stop               stop the PostgreSQL clusters this script started
# Env: REPS (3), S2_REPS (1), S2_STEPS ("3 3.5 4 5 6 8 12 16"), S2_STOP_ON_FAIL (1; 0 runs every step),
#      PORT (5470), WARMUP (5), DRAIN (60),
#      WAITLOAD_MAX_WAIT (60), SKIP_BUILD (0), LOADGEN_SCRATCH (/tmp/akkacollab-loadgen),
#      AKKACOLLAB_PG_DIR / AKKACOLLAB_PG_PORT (a private cluster: /tmp/akkacollab-pg-loadgen, 55470),
#      SERVER_ENV (extra "K=V ..." for the server), LOADGEN_EXTRA (extra load generator flags).
# Results: artifacts/loadgen/runs/<label>_r<rep>.json (+ .server.log, .loadgen.log), summary.jsonl.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/tests/loadgen"
anchor="${ANCHOR_DIR:-$root/../shared/anchors/sharedb}"
scratch="${LOADGEN_SCRATCH:-/tmp/akkacollab-loadgen}"
out="$root/artifacts/loadgen"
port="${PORT:-5470}"
warmup="${WARMUP:-5}"
drain="${DRAIN:-60}"
export WAITLOAD_MAX_WAIT="${WAITLOAD_MAX_WAIT:-60}"
# Our own cluster, not the one the test suites share: runs drop and recreate its database.
export AKKACOLLAB_PG_DIR="${AKKACOLLAB_PG_DIR:-/tmp/akkacollab-pg-loadgen}"
export AKKACOLLAB_PG_PORT="${AKKACOLLAB_PG_PORT:-55470}"
db=loadgen

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

psql_bin() { ls -1 /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1 || command -v psql; }

prepare() {
  mkdir -p "$out/runs"
  if [[ ! -f "$scratch/.ready" ]]; then
    log "copying the anchor to $scratch and running npm ci there"
    rm -rf "$scratch" && mkdir -p "$scratch"
    cp -r "$anchor/." "$scratch/" && chmod -R u+w "$scratch"
    (cd "$scratch" && timeout 300 npm ci --no-audit --no-fund >/dev/null)
    touch "$scratch/.ready"
  fi
  [[ -d "$here/node_modules" ]] || (cd "$here" && timeout 300 npm ci --no-audit --no-fund >/dev/null)
  # A one-line shim, so that the adapter's ws and quill-delta resolve from tests/loadgen.
  echo "module.exports = require('$here/akkacollab-adapter.js');" > "$scratch/adapters/akkacollab.js"
  if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    log "dotnet publish src/Web (Release) -> $out/server"
    timeout 600 dotnet publish "$root/src/Web/AkkaCollab.Web.csproj" -c Release -o "$out/server" --nologo -v q >&2
  fi
  pg_url="$("$root/tests/scripts/postgres.sh" start)"
  pg_url="${pg_url/Database=akkacollab/Database=$db}"
}

fresh_database() {
  PGOPTIONS="-c client_min_messages=warning" "$(psql_bin)" -h 127.0.0.1 -p "$AKKACOLLAB_PG_PORT" -U postgres -d postgres -q \
    -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" -c "CHECKPOINT" >/dev/null
}

stop_server() {
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# One measurement: fresh database, fresh server process, one load generator, server stopped after.
run_one() {
  local label=$1 docs=$2 clients=$3 rate=$4 dur=$5 rep=${6:-1}
  local tag="${label}_r${rep}" slog="$out/runs/${label}_r${rep}.server.log" spid lw rc i
  fresh_database
  lw="$("$scratch/scripts/waitload.sh")"
  # Development: its sign-in takes a user name as the hello token (the adapter gives every
  # connection its own), so no JWT issuer is needed; nothing else on the hot path depends on it.
  # Every simulated user connects from 127.0.0.1, so the per-IP HTTP limit (which counts the
  # WebSocket upgrades) is lifted; the per-socket, per-user and per-document limits stay.
  # shellcheck disable=SC2086
  env AkkaCollab__Web__Url="http://127.0.0.1:$port" \
    AkkaCollab__Security__HttpPerIpPerSecond=1000000 AkkaCollab__Security__HttpPerIpBurst=1000000 \
    AkkaCollab__Node__Journal=PostgreSql AkkaCollab__Node__ConnectionString="$pg_url" \
    AkkaCollab__Node__Hostname=127.0.0.1 AkkaCollab__Node__Port=0 ASPNETCORE_ENVIRONMENT=Development \
    Logging__LogLevel__Default=Warning ${SERVER_ENV:-} \
    dotnet "$out/server/AkkaCollab.Web.dll" > "$slog" 2>&1 &
  spid=$!
  for i in $(seq 1 600); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/readyz" && break
    kill -0 "$spid" 2>/dev/null || break
    sleep 0.1
  done
  if ! curl -fs -o /dev/null "http://127.0.0.1:$port/readyz"; then
    log "server not ready within 60 s"; tail -20 "$slog" >&2; stop_server "$spid"; return 1
  fi
  [[ "${PROFILE:-0}" == 1 ]] && profile_server "$spid" "$tag" "$dur" &
  set +e
  # shellcheck disable=SC2086
  timeout $((warmup + dur + drain + 180)) node "$scratch/loadgen/loadgen.js" --adapter akkacollab \
    --url "ws://127.0.0.1:$port" --docs "$docs" --clients "$clients" --rate "$rate" --duration "$dur" \
    --warmup "$warmup" --drain "$drain" --server-pid "$spid" --pg-pidfile "$AKKACOLLAB_PG_DIR/data/postmaster.pid" \
    --label "$label" --seed "$rep" --out "$out/runs/${tag}.json" ${LOADGEN_EXTRA:-} > "$out/runs/${tag}.loadgen.log" 2>&1
  rc=$?
  set -e
  stop_server "$spid"
  if [[ $rc -ne 0 || ! -f "$out/runs/${tag}.json" ]]; then
    log "$tag: load generator failed (rc=$rc)"; tail -5 "$out/runs/${tag}.loadgen.log" >&2; return 1
  fi
  node "$here/annotate.js" "$out/runs/${tag}.json" "$rep" "$lw" "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)" "$out/runs/${tag}.loadgen.log" \
    >> "$out/summary.jsonl"
}

# Not a measurement (tracing costs CPU): the server's GC/thread-pool counters and a sampled
# thread-time trace over the measured window, reduced to the top methods by exclusive time.
profile_server() {
  local pid=$1 tag=$2 dur=$3 tools="$out/tools" secs
  secs=$(printf '00:00:00:%02d' $((dur > 50 ? 50 : dur - 5)))
  sleep $((warmup + 3))
  timeout $((dur + 30)) "$tools/dotnet-counters" collect -p "$pid" --duration "$secs" --format csv \
    -o "$out/runs/${tag}.counters.csv" --counters System.Runtime >/dev/null 2>&1 &
  timeout $((dur + 30)) "$tools/dotnet-trace" collect -p "$pid" --profile dotnet-sampled-thread-time --duration "$secs" \
    -o "$out/runs/${tag}.nettrace" >/dev/null 2>&1
  wait
  "$tools/dotnet-trace" report "$out/runs/${tag}.nettrace" topN -n 60 > "$out/runs/${tag}.topN.txt" 2>&1 || true
}

install_tools() {
  local t
  for t in dotnet-trace dotnet-counters; do
    [[ -x "$out/tools/$t" ]] || timeout 300 dotnet tool install --tool-path "$out/tools" "$t" --version 10.0.750501 >&2
  done
}

passes() {
  node -e 'const r=require(process.argv[1]); process.exit(r.ackLatencyMs.p99!==null && r.ackLatencyMs.p99<=500 && r.ackedOverOffered>=0.95 ? 0 : 1)' "$1"
}

ladder() {
  local rep=$1 r off f
  for r in ${S2_STEPS:-3 3.5 4 5 6 8 12 16}; do
    off=$(awk -v r="$r" 'BEGIN{printf "%d", 300*r}')
    log "S2 rep $rep step $off ops/s (R=$r)"
    drain=90 run_one "S2-$off" 100 3 "$r" 30 "$rep" || true
    f="$out/runs/S2-${off}_r${rep}.json"
    if [[ -f "$f" ]] && passes "$f"; then log "  pass"
    elif [[ "${S2_STOP_ON_FAIL:-1}" == 1 ]]; then log "  FAIL: the ladder stops for rep $rep"; break
    else log "  FAIL (S2_STOP_ON_FAIL=0: next step anyway)"; fi
  done
}

# The anchor's own server for the same step, with its own scripts and PostgreSQL (port 5544).
run_sharedb() {
  (cd "$scratch" && ./start-pg.sh start >/dev/null && { [[ -f .db-ready ]] || { scripts/setup-db.sh >/dev/null && touch .db-ready; }; } \
    && scripts/run-sharedb.sh "$@")
  mkdir -p "$out/sharedb" && cp "$scratch"/results/sharedb/runs/*.json "$out/sharedb/" 2>/dev/null || true
}

case "${1:-}" in
  s1) prepare; for rep in $(seq 1 "${REPS:-3}"); do log "S1 rep $rep"; run_one S1 100 3 2 30 "$rep" || true; done ;;
  s3) prepare; for rep in $(seq 1 "${REPS:-3}"); do log "S3 rep $rep"; run_one S3 1 20 5 30 "$rep" || true; done ;;
  s2) prepare; for rep in ${S2_REPS:-1}; do ladder "$rep"; done ;;
  one) shift; prepare; run_one "$@" ;;
  profile) shift; prepare; install_tools; PROFILE=1 run_one "$@" ;;
  sharedb) shift; SKIP_BUILD=1 prepare; run_sharedb "$@" ;;
  summary) node "$here/summarize.js" "$out/runs" ;;
  stop) "$root/tests/scripts/postgres.sh" stop || true; [[ -x "$scratch/start-pg.sh" ]] && (cd "$scratch" && ./start-pg.sh stop) || true ;;
  *) sed -n '2,23p' "$0" >&2; exit 2 ;;
esac
