# shellcheck shell=bash
# The measurement mechanism shared by tests/loadgen/run.sh (one scenario at a time) and ./bench.sh
# (every scenario, both servers, one table): prepare the tools, start a fresh server of either
# kind on a fresh database, drive it with the ShareDB anchor's load generator (or the trace / idle
# clients here), stop it by PID, annotate the result. Everything on 127.0.0.1, bounded in time.
# Env: SERVER (akkacollab | sharedb), PORT (5470), WARMUP (5), DRAIN (60), LG_PROCS (1),
#      POST_LOAD (5: seconds after the load before "RSS after" is read), SKIP_BUILD (0),
#      LOADGEN_SCRATCH, LOADGEN_RUNS (results folder), SERVER_ENV, LOADGEN_EXTRA, POOL (ShareDB pg pool, 10),
#      SERVER_DIR (another published build of ours to run, for an A/B of two builds),
#      AKKACOLLAB_PG_DIR / AKKACOLLAB_PG_PORT (a private cluster: /tmp/akkacollab-pg-loadgen, 55470).

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/tests/loadgen"
anchor="${ANCHOR_DIR:-$root/../shared/anchors/sharedb}"
scratch="${LOADGEN_SCRATCH:-/tmp/akkacollab-loadgen}"
out="$root/artifacts/loadgen"
runs="${LOADGEN_RUNS:-$out/runs}"
port="${PORT:-5470}"
warmup="${WARMUP:-5}"
drain="${DRAIN:-60}"
export WAITLOAD_MAX_WAIT="${WAITLOAD_MAX_WAIT:-60}"
# Our own cluster, not the one the test suites share: runs drop and recreate its databases.
export AKKACOLLAB_PG_DIR="${AKKACOLLAB_PG_DIR:-/tmp/akkacollab-pg-loadgen}"
export AKKACOLLAB_PG_PORT="${AKKACOLLAB_PG_PORT:-55470}"

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

psql_bin() { ls -1 /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1 || command -v psql; }
psql_q() { PGOPTIONS="-c client_min_messages=warning" "$(psql_bin)" -h 127.0.0.1 -p "$AKKACOLLAB_PG_PORT" -U postgres -q "$@"; }

prepare() {
  mkdir -p "$runs"
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
  pg_url="${pg_url/Database=akkacollab/Database=loadgen}"
}

server_kind() { echo "${SERVER:-akkacollab}"; }
# The adapter module the anchor's load generator loads, and its file for our own clients.
adapter_path() { if [[ "$(server_kind)" == sharedb ]]; then echo "$scratch/adapters/sharedb.js"; else echo "$here/akkacollab-adapter.js"; fi; }
# Result files: ours keep run.sh's historic names, ShareDB's are prefixed.
tag_of() { if [[ "$(server_kind)" == sharedb ]]; then echo "sharedb-$1_r$2"; else echo "$1_r$2"; fi; }

fresh_database() {
  if [[ "$(server_kind)" == sharedb ]]; then
    psql_q -d postgres -c "DROP DATABASE IF EXISTS sharedb WITH (FORCE)" -c "CREATE DATABASE sharedb" >/dev/null
    psql_q -d sharedb -v ON_ERROR_STOP=1 -f "$scratch/node_modules/sharedb-postgres/structure.sql" >/dev/null
    psql_q -d postgres -c "CHECKPOINT" >/dev/null
  else
    psql_q -d postgres -c "DROP DATABASE IF EXISTS loadgen WITH (FORCE)" -c "CREATE DATABASE loadgen" -c "CHECKPOINT" >/dev/null
  fi
}

mem_kb() { local v; v=$(awk -v k="$2:" '$1==k {print $2}' "/proc/$1/status" 2>/dev/null); echo "${v:-0}"; }

stop_server() {
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# Starts a fresh server of kind $SERVER, logging to $1; sets spid; returns 1 if it is not ready in 60 s.
start_server() {
  local slog=$1 i ready
  if [[ "$(server_kind)" == sharedb ]]; then
    node "$scratch/server/sharedb-server.js" --port "$port" --pg-port "$AKKACOLLAB_PG_PORT" --pg-db sharedb \
      --pool "${POOL:-10}" > "$slog" 2>&1 &
    spid=$!
    ready() { grep -q READY "$slog" 2>/dev/null; }
  else
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
      dotnet "${SERVER_DIR:-$out/server}/AkkaCollab.Web.dll" > "$slog" 2>&1 &
    spid=$!
    ready() { curl -fs -o /dev/null "http://127.0.0.1:$port/readyz"; }
  fi
  for i in $(seq 1 600); do ready && break; kill -0 "$spid" 2>/dev/null || break; sleep 0.1; done
  if ! ready; then
    log "$(server_kind) server not ready within 60 s"; tail -20 "$slog" >&2; stop_server "$spid"; return 1
  fi
}

# The anchor's load generator as LG_PROCS processes, the documents split between them; their
# results merged into $runs/$tag.json (merge.js). Returns the load generators' exit status.
loadgen() {
  local tag=$1 label=$2 docs=$3 clients=$4 rate=$5 dur=$6 rep=$7 procs=${LG_PROCS:-1} i n pids=() rc=0 parts=()
  (( procs > docs )) && procs=$docs
  local prefix
  prefix="lg-$(date +%s%N | cut -c1-13)"
  for i in $(seq 0 $((procs - 1))); do
    n=$(( docs / procs + (i < docs % procs ? 1 : 0) ))
    # shellcheck disable=SC2086
    timeout $((warmup + dur + drain + 180)) node "$scratch/loadgen/loadgen.js" --adapter "$(server_kind)" \
      --url "ws://127.0.0.1:$port" --docs "$n" --clients "$clients" --rate "$rate" --duration "$dur" \
      --warmup "$warmup" --drain "$drain" --server-pid "$spid" --pg-pidfile "$AKKACOLLAB_PG_DIR/data/postmaster.pid" \
      --label "$label" --seed "$((rep * 100 + i))" --doc-prefix "$prefix-p$i" --out "$runs/${tag}.p$i.json" \
      ${LOADGEN_EXTRA:-} > "$runs/${tag}.loadgen.p$i.log" 2>&1 &
    pids+=($!); parts+=("$runs/${tag}.p$i.json")
  done
  for i in "${pids[@]}"; do wait "$i" || rc=$?; done
  cat "$runs/${tag}".loadgen.p*.log > "$runs/${tag}.loadgen.log"
  [[ $rc -eq 0 ]] && node "$here/merge.js" "$runs/${tag}.json" "${parts[@]}" || rc=1
  rm -f "${parts[@]}" "$runs/${tag}".loadgen.p*.log
  return $rc
}

# Adds the run's context to $runs/$tag.json and appends it to $runs/summary.jsonl. $3 = extra JSON.
annotate() {
  local tag=$1 rep=$2 extra=${3:-"{}"}
  local commit
  commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  [[ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]] && commit="$commit+changes"
  node "$here/annotate.js" "$runs/${tag}.json" "$rep" "$lw" "$commit" \
    "$runs/${tag}.loadgen.log" "$extra" >> "$runs/summary.jsonl"
}

# Memory around a run, as JSON for annotate: RSS before the load, after it (POST_LOAD s after the
# last client left), peak (VmHWM), kB.
mem_json() { printf '{"server":"%s","loadgenProcs":%s,"mem":{"rssBeforeKb":%s,"rssAfterKb":%s,"hwmKb":%s}%s}' \
  "$(server_kind)" "${LG_PROCS:-1}" "$1" "$2" "$3" "${4:+,$4}"; }

# The frame of every run. begin_run TAG: fresh database, the load check, a fresh server (spid),
# its RSS before the load (rss0). end_run TAG RC: POST_LOAD s of quiet, RSS after (rss1) and
# peak (hwm), the server stopped; fails when the client did (RC) or left no result.
begin_run() {
  fresh_database
  lw="$("$scratch/scripts/waitload.sh")"
  start_server "$runs/$1.server.log" || return 1
  rss0=$(mem_kb "$spid" VmRSS)
}
end_run() {
  sleep "${POST_LOAD:-5}"
  rss1=$(mem_kb "$spid" VmRSS); hwm=$(mem_kb "$spid" VmHWM)
  stop_server "$spid"
  if [[ $2 -ne 0 || ! -f "$runs/$1.json" ]]; then
    log "$1: the load failed (rc=$2)"; tail -5 "$runs/$1.loadgen.log" >&2; return 1
  fi
}

# One measurement: fresh database, fresh server, the load generator, server stopped after.
run_one() {
  local label=$1 docs=$2 clients=$3 rate=$4 dur=$5 rep=${6:-1} tag rc rss0 rss1 hwm
  tag="$(tag_of "$label" "$rep")"
  begin_run "$tag" || return 1
  [[ "${PROFILE:-0}" == 1 ]] && profile_server "$spid" "$tag" "$dur" &
  set +e
  loadgen "$tag" "$label" "$docs" "$clients" "$rate" "$dur" "$rep"; rc=$?
  set -e
  end_run "$tag" "$rc" || return 1
  annotate "$tag" "$rep" "$(mem_json "$rss0" "$rss1" "$hwm")"
}

# S4: a sequential editing trace replayed through one client, each op sent when the previous one
# is acked (trace-replay.js), at most TRACE_SECONDS s; the server's text must equal the replay's.
run_trace() {
  local label=$1 rep=${2:-1} trace=${TRACE:-$root/../shared/traces/sequential/automerge-paper} tag rc rss0 rss1 hwm
  tag="$(tag_of "$label" "$rep")"
  begin_run "$tag" || return 1
  set +e
  timeout $(( warmup + ${TRACE_SECONDS:-60} + drain + 120 )) node "$here/trace-replay.js" --adapter "$(adapter_path)" \
    --url "ws://127.0.0.1:$port" --trace "$trace" --warmup "$warmup" --seconds "${TRACE_SECONDS:-60}" --max-ops "${TRACE_OPS:-0}" \
    --drain "$drain" --server-pid "$spid" --pg-pidfile "$AKKACOLLAB_PG_DIR/data/postmaster.pid" --label "$label" \
    --out "$runs/${tag}.json" > "$runs/${tag}.loadgen.log" 2>&1; rc=$?
  set -e
  end_run "$tag" "$rc" || return 1
  annotate "$tag" "$rep" "$(mem_json "$rss0" "$rss1" "$hwm")"
}

# S6: one document as hard as durable acks allow, from hot-writers.js (protocol v1 writers that
# keep the document's revision and length but not its text, so that they are not the limit):
# WRITERS sockets x LANES clients each, one op in flight per lane. Ours only.
run_hot() {
  local label=$1 writers=$2 lanes=$3 dur=$4 rep=${5:-1} tag rc rss0 rss1 hwm
  tag="$(tag_of "$label" "$rep")"
  begin_run "$tag" || return 1
  set +e
  timeout $(( warmup + dur + drain + 90 )) node "$here/hot-writers.js" --url "ws://127.0.0.1:$port" --writers "$writers" \
    --lanes "$lanes" --warmup "$warmup" --seconds "$dur" --drain "$drain" --server-pid "$spid" \
    --pg-pidfile "$AKKACOLLAB_PG_DIR/data/postmaster.pid" --label "$label" --out "$runs/${tag}.json" > "$runs/${tag}.loadgen.log" 2>&1; rc=$?
  set -e
  end_run "$tag" "$rc" || return 1
  annotate "$tag" "$rep" "$(mem_json "$rss0" "$rss1" "$hwm")"
}

# S1x3: the same load TIMES times on ONE server process, to see whether memory comes back: RSS
# before the first load and POST_LOAD s after each (issue 14: within 20 % of before, no growth).
# The result file is the last load's, with repeated.rssAfterKb listing every "after".
run_repeated() {
  local label=$1 times=$2 docs=$3 clients=$4 rate=$5 dur=$6 tag rc=0 i rss0 rss1 hwm afters=()
  tag="$(tag_of "$label" 1)"
  begin_run "$tag" || return 1
  for i in $(seq 1 "$times"); do
    set +e
    loadgen "$tag" "$label" "$docs" "$clients" "$rate" "$dur" "$i"; rc=$?
    set -e
    (( rc == 0 )) || break
    sleep "${POST_LOAD:-5}"
    afters+=("$(mem_kb "$spid" VmRSS)")
  done
  end_run "$tag" "$rc" || return 1
  annotate "$tag" 1 "$(mem_json "$rss0" "$rss1" "$hwm" "\"repeated\":{\"runs\":$times,\"rssAfterKb\":[$(IFS=,; echo "${afters[*]}")]}")"
}

# S5: IDLE sockets held open by idle-sockets.js (each signed in and subscribed to one of 100
# documents), then the load generator's active clients next to them. Memory per idle socket =
# (RSS with the idle sockets - RSS before) / IDLE.
run_idle() {
  local label=$1 idle=$2 docs=$3 clients=$4 rate=$5 dur=$6 rep=${7:-1} tag rc=0 rss0 rssi rss1 hwm hpid hlog i
  tag="$(tag_of "$label" "$rep")"; hlog="$runs/${tag}.idle.log"
  begin_run "$tag" || return 1
  node "$here/idle-sockets.js" --adapter "$(adapter_path)" --url "ws://127.0.0.1:$port" --sockets "$idle" \
    --docs 100 --max-seconds $(( warmup + dur + drain + 600 )) > "$hlog" 2>&1 &
  hpid=$!
  for i in $(seq 1 3000); do grep -qs '^IDLE_READY' "$hlog" && break; kill -0 "$hpid" 2>/dev/null || break; sleep 0.1; done
  if ! grep -qs '^IDLE_READY' "$hlog"; then
    log "$tag: the idle sockets did not connect within 300 s"; tail -5 "$hlog" >&2
    kill -TERM "$hpid" 2>/dev/null; wait "$hpid" 2>/dev/null; stop_server "$spid"; return 1
  fi
  sleep "${POST_LOAD:-5}"
  rssi=$(mem_kb "$spid" VmRSS)
  set +e
  LG_PROCS=1 loadgen "$tag" "$label" "$docs" "$clients" "$rate" "$dur" "$rep" || rc=$?
  set -e
  kill -TERM "$hpid" 2>/dev/null; wait "$hpid" 2>/dev/null
  end_run "$tag" "$rc" || return 1
  annotate "$tag" "$rep" "$(mem_json "$rss0" "$rss1" "$hwm" "\"idle\":{\"sockets\":$idle,\"rssWithIdleKb\":$rssi,\"holder\":$(grep '^IDLE_READY' "$hlog" | cut -d' ' -f2-)}")"
}

# Not a measurement (tracing costs CPU): the server's GC/thread-pool counters and a sampled
# thread-time trace over the measured window, reduced to the top methods by exclusive time.
profile_server() {
  local pid=$1 tag=$2 dur=$3 tools="$out/tools" secs
  secs=$(printf '00:00:00:%02d' $((dur > 50 ? 50 : dur - 5)))
  sleep $((warmup + 3))
  timeout $((dur + 30)) "$tools/dotnet-counters" collect -p "$pid" --duration "$secs" --format csv \
    -o "$runs/${tag}.counters.csv" --counters System.Runtime >/dev/null 2>&1 &
  timeout $((dur + 30)) "$tools/dotnet-trace" collect -p "$pid" --profile dotnet-sampled-thread-time --duration "$secs" \
    -o "$runs/${tag}.nettrace" >/dev/null 2>&1
  wait
  "$tools/dotnet-trace" report "$runs/${tag}.nettrace" topN -n 60 > "$runs/${tag}.topN.txt" 2>&1 || true
}

install_tools() {
  local t
  for t in dotnet-trace dotnet-counters; do
    [[ -x "$out/tools/$t" ]] || timeout 300 dotnet tool install --tool-path "$out/tools" "$t" --version 10.0.750501 >&2
  done
}

# pass = ack p99 <= 500 ms and acked/offered >= 0.95 (the anchor's run-all.sh)
passes() {
  node -e 'const r=require(process.argv[1]); process.exit(r.ackLatencyMs.p99!==null && r.ackLatencyMs.p99<=500 && r.ackedOverOffered>=0.95 ? 0 : 1)' "$1"
}
