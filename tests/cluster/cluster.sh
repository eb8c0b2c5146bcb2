#!/usr/bin/env bash
# A local cluster of AkkaCollab node processes on one PostgreSQL, for chaos tests and by hand.
# Each node runs the built Release binary on its own loopback address (Kestrel and Akka remoting
# both bind it), with a log per node under $CLUSTER_DIR. See docs/cluster.md.
#
#   cluster.sh up                 PostgreSQL + every node, waits until all are ready
#   cluster.sh down               stops every node (SIGTERM, then kill), heals, stops PostgreSQL
#   cluster.sh nodes-down         the same, but leaves PostgreSQL running
#   cluster.sh start I [K=V ...]  starts node I (extra environment for it, e.g. test-only settings)
#   cluster.sh stop I             SIGTERM and wait; prints the exit code
#   cluster.sh term I | kill I    SIGTERM without waiting | kill -9
#   cluster.sh restart I          stop (if running) and start
#   cluster.sh partition I        cuts node I off from every other node (nftables)
#   cluster.sh heal [I]           removes the cut of node I (all cuts without I)
#   cluster.sh wait-ready I [S]   waits until node I answers /readyz (at most S seconds)
#   cluster.sh status | dir | url I | exit-code I | pg-start | pg-stop | pg-url
#
# Parameters (environment): CLUSTER_NODES (3), CLUSTER_ADDRS (default 127.0.0.11 .. in order),
# CLUSTER_HTTP_PORT (base, 5100: node I listens on base+I), CLUSTER_REMOTE_PORT (base, 4100),
# CLUSTER_DIR (/tmp/akkacollab-cluster), CLUSTER_NFT_TABLE (akkacollab_chaos), CLUSTER_DLL,
# CLUSTER_NODE_ENV (extra K=V settings for every node, space-separated), CLUSTER_HTTP_PORTS
# (explicit list of HTTP ports, one per node), CLUSTER_ENV_DIR (node I runs with exactly the
# environment in $CLUSTER_ENV_DIR/nodeI.env, one K=V a line, plus PATH and HOME; none of the
# settings above: used to run the pods a Helm chart renders, tests/helm/cluster.test.mjs),
# and AKKACOLLAB_PG_DIR / AKKACOLLAB_PG_PORT for tests/scripts/postgres.sh.
#
# Why partitions look at socket owners: Akka.Remote's DotNetty transport connects without
# binding a local address, so a node's outgoing connections leave from 127.0.0.1, not from its
# own address. As root each node therefore runs under its own uid (40000 + the last octet of its
# address); the rules match a packet's sending uid and node address, and conntrack marks carry
# the opener's uid to the answers. Only traffic between the nodes is dropped, nothing else.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
nodes="${CLUSTER_NODES:-3}"
read -r -a addrs <<< "${CLUSTER_ADDRS:-$(for ((i = 1; i <= nodes; i++)); do printf '127.0.0.%d ' $((10 + i)); done)}"
http_base="${CLUSTER_HTTP_PORT:-5100}"
remote_base="${CLUSTER_REMOTE_PORT:-4100}"
dir="${CLUSTER_DIR:-/tmp/akkacollab-cluster}"
table="${CLUSTER_NFT_TABLE:-akkacollab_chaos}"
dll="${CLUSTER_DLL:-$root/src/Web/bin/Release/net10.0/AkkaCollab.Web.dll}"
system_name="akkacollab"
pg="$root/tests/scripts/postgres.sh"

die() { echo "cluster.sh: $*" >&2; exit 2; }
addr() { echo "${addrs[$(($1 - 1))]}"; }
read -r -a http_ports <<< "${CLUSTER_HTTP_PORTS:-}"
env_dir="${CLUSTER_ENV_DIR:-}"
http_port() { if ((${#http_ports[@]} > 0)); then echo "${http_ports[$(($1 - 1))]}"; else echo $((http_base + $1)); fi; }
remote_port() { echo $((remote_base + $1)); }
uid_of() { local a; a="$(addr "$1")"; echo $((40000 + ${a##*.})); }
node_dir() { echo "$dir/node$1"; }
pid_of() { cat "$(node_dir "$1")/pid" 2>/dev/null || true; }
alive() { local p; p="$(pid_of "$1")"; [[ -n "$p" ]] && kill -0 "$p" 2>/dev/null; }
check_node() {
  [[ "$1" =~ ^[0-9]+$ ]] && (($1 >= 1 && $1 <= nodes)) || die "node must be 1-$nodes, got '$1'"
  [[ "$(addr "$1")" =~ ^127\.[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "node $1's address $(addr "$1") is not loopback"
}

seeds() {
  local i out=()
  for ((i = 1; i <= nodes; i++)); do out+=("akka.tcp://$system_name@$(addr "$i"):$(remote_port "$i")"); done
  echo "${out[@]}"
}

# The settings this script gives node $1 (its dir $2): its address, ports, every node as a seed.
script_env() {
  local url; url="$("$pg" url)"
  env=(
    "HOME=$2/home" "ASPNETCORE_ENVIRONMENT=Development" "DOTNET_CLI_TELEMETRY_OPTOUT=1"
    "AkkaCollab__Web__Url=http://$(addr "$1"):$(http_port "$1")"
    "AkkaCollab__Web__DataFolder=$2/home"
    "AkkaCollab__Node__Hostname=$(addr "$1")"
    "AkkaCollab__Node__Port=$(remote_port "$1")"
    "AkkaCollab__Node__ActorSystemName=$system_name"
    "AkkaCollab__Node__Journal=PostgreSql"
    "AkkaCollab__Node__ConnectionString=$url"
    "Logging__Console__FormatterName=simple"
    "Logging__Console__FormatterOptions__TimestampFormat=HH:mm:ss.fff "
    "Logging__Console__FormatterOptions__SingleLine=true"
  )
  local s k=0
  for s in $(seeds); do env+=("AkkaCollab__Node__SeedNodes__$k=$s"); k=$((k + 1)); done
  local -a extra=()
  read -r -a extra <<< "${CLUSTER_NODE_ENV:-}"
  env+=("${extra[@]}")
}

# Exactly the K=V lines of file $1 (no quoting: the value is the rest of the line), with PATH and
# HOME ($2) as a container image would provide them.
read_env_file() {
  [[ -f "$1" ]] || die "$1 not found (CLUSTER_ENV_DIR)"
  env=("PATH=$PATH" "HOME=$2" ${DOTNET_ROOT:+"DOTNET_ROOT=$DOTNET_ROOT"})
  local line
  while IFS= read -r line || [[ -n "$line" ]]; do
    [[ "$line" =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || die "$1: not a K=V line: '$line'"
    env+=("$line")
  done < "$1"
}

start_node() {
  local i="$1"; shift
  check_node "$i"
  alive "$i" && die "node $i is already running (pid $(pid_of "$i"))"
  [[ -f "$dll" ]] || die "$dll not built (dotnet build AkkaCollab.sln -c Release)"
  local nd; nd="$(node_dir "$i")"
  mkdir -p "$nd/home"
  rm -f "$nd/pid" "$nd/exit"
  local -a env envi=()
  if [[ -n "$env_dir" ]]; then
    envi=(-i)
    read_env_file "$env_dir/node$i.env" "$nd/home"
  else
    script_env "$i" "$nd"
  fi
  env+=("$@")
  local -a run=(dotnet "$dll")
  if [[ "$(id -u)" == 0 ]]; then
    # Its own uid, so that partitions can tell this node's connections apart (see above).
    chown -R "$(uid_of "$i")" "$nd/home"
    run=(setpriv --reuid="$(uid_of "$i")" --regid="$(uid_of "$i")" --clear-groups dotnet "$dll")
  fi
  echo "=== $(date -u +%H:%M:%S.%3N) start node $i" >> "$nd/node.log"
  # A small supervisor shell records the node's pid and its exit code; setsid detaches both
  # from this script, so that the node outlives it and a kill -9 hits the node alone.
  setsid bash -c 'cd "$1"; shift; env "$@" & echo $! > pid; wait $!; echo $? > exit' _ "$nd" "${envi[@]}" "${env[@]}" "${run[@]}" \
    >> "$nd/node.log" 2>&1 < /dev/null &
  local deadline=$((SECONDS + 10))
  until [[ -s "$nd/pid" ]]; do ((SECONDS < deadline)) || die "node $i did not start"; sleep 0.05; done
  echo "node $i: pid $(pid_of "$i"), http://$(addr "$i"):$(http_port "$i"), remoting $(addr "$i"):$(remote_port "$i"), log $nd/node.log"
}

wait_ready() {
  local i="$1" limit="${2:-90}"
  check_node "$i"
  local deadline=$((SECONDS + limit))
  until curl -fsS -m 2 "http://$(addr "$i"):$(http_port "$i")/readyz" >/dev/null 2>&1; do
    alive "$i" || die "node $i exited while starting (see $(node_dir "$i")/node.log)"
    ((SECONDS < deadline)) || die "node $i not ready within ${limit}s"
    sleep 0.2
  done
}

wait_exit() {
  local i="$1" limit="$2" deadline=$((SECONDS + $2))
  while alive "$i"; do ((SECONDS < deadline)) || return 1; sleep 0.1; done
  # The supervisor writes the exit code just after the node exits.
  deadline=$((SECONDS + 5))
  until [[ -s "$(node_dir "$i")/exit" ]]; do ((SECONDS < deadline)) || break; sleep 0.05; done
}

signal_node() {
  local i="$1" sig="$2"
  check_node "$i"
  alive "$i" || die "node $i is not running"
  echo "=== $(date -u +%H:%M:%S.%3N) SIG$sig node $i" >> "$(node_dir "$i")/node.log"
  kill "-$sig" "$(pid_of "$i")"
}

stop_node() {
  local i="$1"
  signal_node "$i" TERM
  if ! wait_exit "$i" 60; then
    echo "cluster.sh: node $i did not exit within 60s of SIGTERM; killing it" >&2
    kill -KILL "$(pid_of "$i")" 2>/dev/null || true
    wait_exit "$i" 10 || true
  fi
  echo "node $i exited with $(cat "$(node_dir "$i")/exit" 2>/dev/null || echo '?')"
}

# --- partitions -------------------------------------------------------------------------------
cut_file() { echo "$dir/partitioned"; }

ensure_nft() {
  [[ "$(id -u)" == 0 ]] || die "partitions need root (nftables)"
  if ! command -v nft >/dev/null; then
    echo "cluster.sh: installing nftables with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nftables >/dev/null 2>&1 ||
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nftables >/dev/null; }
  fi
}

delete_table() { nft delete table inet "$table" 2>/dev/null || true; }

# Rebuilds the whole table from the list of isolated nodes, in one nft transaction.
apply_cuts() {
  local -a cut=()
  [[ -s "$(cut_file)" ]] && read -r -a cut < "$(cut_file)"
  delete_table
  ((${#cut[@]} > 0)) || return 0
  local rules i j others marks all=""
  for ((j = 1; j <= nodes; j++)); do all+="${all:+, }$(addr "$j")"; done
  rules="table inet $table {\n chain out {\n  type filter hook output priority 0; policy accept;\n"
  # A connection between two nodes is marked with the uid of the node that opened it: only the
  # opener sends to a node address (the listener answers to 127.0.0.1). Conntrack's own notion
  # of direction is not used: connections older than the table are picked up mid-stream.
  for ((j = 1; j <= nodes; j++)); do
    rules+="  meta l4proto tcp ip daddr { $all } meta skuid $(uid_of "$j") ct mark set $(uid_of "$j")\n"
  done
  for i in "${cut[@]}"; do
    others=""; marks=""
    for ((j = 1; j <= nodes; j++)); do
      ((j == i)) && continue
      others+="${others:+, }$(addr "$j")"; marks+="${marks:+, }$(uid_of "$j")"
    done
    # What node i sends to the others, what they send to it, and the answers on both.
    rules+="  meta skuid $(uid_of "$i") ip daddr { $others } drop\n"
    rules+="  meta skuid { $marks } ip daddr $(addr "$i") drop\n"
    rules+="  ct mark $(uid_of "$i") ip saddr { $others } drop\n"
    rules+="  ct mark { $marks } ip saddr $(addr "$i") drop\n"
  done
  rules+=" }\n}\n"
  # On any failure half-way, leave no rules behind.
  trap delete_table ERR
  printf "%b" "$rules" | nft -f -
  trap - ERR
}

partition() {
  local i="$1"
  check_node "$i"
  ensure_nft
  local -a cut=()
  [[ -s "$(cut_file)" ]] && read -r -a cut < "$(cut_file)"
  [[ " ${cut[*]} " == *" $i "* ]] || cut+=("$i")
  echo "${cut[*]}" > "$(cut_file)"
  apply_cuts
  echo "node $i ($(addr "$i")) cut off from the other nodes (table inet $table)"
}

heal() {
  local -a cut=() keep=()
  [[ -s "$(cut_file)" ]] && read -r -a cut < "$(cut_file)"
  local c
  for c in "${cut[@]}"; do [[ -n "${1:-}" && "$c" != "$1" ]] && keep+=("$c"); done
  echo "${keep[*]}" > "$(cut_file)"
  if [[ "$(id -u)" == 0 ]] && command -v nft >/dev/null; then apply_cuts; fi
  echo "healed${1:+ node $1}; still cut: ${keep[*]:-none}"
}

status() {
  local i
  for ((i = 1; i <= nodes; i++)); do
    local state="stopped" ready="-"
    if alive "$i"; then
      state="running pid $(pid_of "$i")"
      ready="$(curl -s -m 2 -o /dev/null -w '%{http_code}' "http://$(addr "$i"):$(http_port "$i")/readyz" || true)"
    elif [[ -s "$(node_dir "$i")/exit" ]]; then
      state="exited $(cat "$(node_dir "$i")/exit")"
    fi
    echo "node $i  $(addr "$i")  http $(http_port "$i")  remoting $(remote_port "$i")  $state  readyz $ready"
  done
  echo "partitioned: $(cat "$(cut_file)" 2>/dev/null || true)"
  echo "logs: $dir/node*/node.log"
}

mkdir -p "$dir"
cmd="${1:-}"; shift || true
case "$cmd" in
  up)
    "$pg" start >/dev/null
    for ((i = 1; i <= nodes; i++)); do start_node "$i"; done
    for ((i = 1; i <= nodes; i++)); do wait_ready "$i"; done
    echo "cluster up: $nodes nodes, logs under $dir" ;;
  down | nodes-down)
    rm -f "$(cut_file)"
    if [[ "$(id -u)" == 0 ]] && command -v nft >/dev/null; then delete_table; fi
    for ((i = 1; i <= nodes; i++)); do if alive "$i"; then kill -TERM "$(pid_of "$i")" || true; fi; done
    for ((i = 1; i <= nodes; i++)); do
      wait_exit "$i" 30 || { kill -KILL "$(pid_of "$i")" 2>/dev/null || true; wait_exit "$i" 10 || true; }
    done
    [[ "$cmd" == nodes-down ]] || "$pg" stop || true
    echo "cluster down (logs kept under $dir)" ;;
  start) start_node "$@" ;;
  stop) stop_node "$1" ;;
  term) signal_node "$1" TERM ;;
  kill) signal_node "$1" KILL ;;
  restart) check_node "$1"; if alive "$1"; then stop_node "$1"; fi; start_node "$@" ;;
  partition) partition "$1" ;;
  heal) heal "${1:-}" ;;
  wait-ready) wait_ready "$@" ;;
  wait-exit) check_node "$1"; wait_exit "$1" "${2:-60}" || die "node $1 still running"; cat "$(node_dir "$1")/exit" ;;
  exit-code) check_node "$1"; cat "$(node_dir "$1")/exit" 2>/dev/null || die "node $1 has not exited" ;;
  status) status ;;
  dir) echo "$dir" ;;
  url) check_node "$1"; echo "http://$(addr "$1"):$(http_port "$1")" ;;
  pg-start) "$pg" start >/dev/null; echo "postgres up" ;;
  pg-stop) "$pg" stop ;;
  pg-url) "$pg" url ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2; exit 2 ;;
esac
