#!/usr/bin/env bash
# airlock setup for Debian 12, as root. Idempotent: run it again at any time.
#   ./setup.sh               install packages, build, (re)start the service (SQLite, in-process queue) on
#                            127.0.0.1:8080, or $AIRLOCK_HOST:$AIRLOCK_PORT; waits until /v1/health answers
#   ./setup.sh --no-start    install and build only (CI, images)
#   ./setup.sh --languages all|ID,ID,...   install those languages' toolchains (default: core =
#                                          c, cpp, java, python3, javascript, bash; see airlock languages)
set -euo pipefail
cd "$(dirname "$0")"

start=1
languages=core
while [ $# -gt 0 ]; do
  case "$1" in
    --no-start) start=0 ;;
    --languages) languages="${2:?--languages wants all or a list of ids}"; shift ;;
    --languages=*) languages="${1#*=}" ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

log() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run me as root (the sandbox needs namespaces and cgroups)"
command -v apt-get >/dev/null || die "this script is for Debian (apt-get not found)"
command -v node >/dev/null || die "Node.js 20 or later is needed (node not found)"
node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' || die "Node.js 20 or later is needed (found $(node -v))"

# Build tools and the launcher's library; util-linux gives setpriv to the tests; bubblewrap is a bench baseline.
packages=(build-essential pkg-config libseccomp-dev util-linux procps bubblewrap ca-certificates)
# The compilers the build and the tests use directly.
packages+=(gcc g++ libc6-dev python3)
# For the test suite: a VM with Debian's kernel runs the sandbox tests on cgroup v2 (scripts/vm/run.sh).
packages+=(qemu-system-x86 linux-image-amd64 busybox-static cpio kmod)
# Hardening tests: a real nginx front, and validators for the deploy/ files (never applied to this host);
# mmdebstrap builds the boxes' root image. Debian's policy-rc.d or systemd presets decide whether daemons start.
packages+=(nginx nftables mmdebstrap debian-archive-keyring packer openssh-server fail2ban)
# The web page's browser tests (test/web/) drive Debian's Chromium with playwright-core; no browser is downloaded.
packages+=(chromium)

# Install the Debian packages given that are not installed yet (idempotent; never removes anything).
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
apt_install "${packages[@]}"

# The scale-out tests (test/cluster/, and the API tests' cluster pass) need Redis and PostgreSQL on 127.0.0.1 at
# their default ports, with `postgres` trusted from 127.0.0.1. A machine that already runs them keeps its own;
# otherwise Debian's are installed and started here, set up for tests (never for a cluster's real database).
if ! (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
  apt_install redis-server
  log "starting redis-server on 127.0.0.1:6379"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
fi
if ! (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  apt_install postgresql
  version=$(ls /etc/postgresql | sort -V | tail -1)
  hba=/etc/postgresql/$version/main/pg_hba.conf
  grep -q '^host all postgres 127.0.0.1/32 trust' "$hba" || sed -i '1i host all postgres 127.0.0.1/32 trust' "$hba"
  log "starting PostgreSQL $version on 127.0.0.1:5432"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || pg_ctlcluster --skip-systemctl-redirect "$version" main reload
fi

# better-sqlite3 is compiled from source, never fetched as a prebuilt binary; Node's own headers, when the host has
# them, spare node-gyp a download.
export npm_config_build_from_source=true
if [ -f /usr/include/node/node_api.h ]; then export npm_config_nodedir=/usr; fi
# Compiling SQLite takes minutes: skip `npm ci` when the lock file is the one already installed.
stamp=node_modules/.airlock-lock.sha256
if [ -f "$stamp" ] && sha256sum --status -c "$stamp" 2>/dev/null; then
  log "npm dependencies are up to date"
else
  log "installing npm dependencies (compiles better-sqlite3)"
  npm ci --no-audit --no-fund --loglevel=error
  sha256sum package-lock.json > "$stamp"
fi
log "building the launcher and the service"
npm run --silent build
chmod 0755 dist/src/cli/main.js
ln -sf "$PWD/dist/src/cli/main.js" /usr/local/bin/airlock
install -d -m 0700 /var/lib/airlock /run/airlock
# The unprivileged user the deploy units run the service as; it is also how the tests exercise
# rootless mode (a user namespace per box, cgroups delegated once: scripts/delegate-cgroups.sh).
id -u airlock >/dev/null 2>&1 || useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin airlock
scripts/delegate-cgroups.sh airlock >/dev/null

# Language toolchains come from the definitions (src/languages/defs/): Debian packages, and a few
# npm packages of type declarations installed where boxes can see them (/usr/lib/node_modules).
log "installing the toolchains of languages: $languages"
lang_apt=() lang_npm=()
while read -r kind name; do
  case "$kind" in
    # Node.js is already here (setup needs it); its package may come from elsewhere than Debian: leave it be.
    apt) [ "$name" = nodejs ] || lang_apt+=("$name") ;;
    npm) lang_npm+=("$name") ;;
  esac
done < <(node dist/src/cli/main.js languages --packages "$languages")
apt_install "${lang_apt[@]}"
for p in "${lang_npm[@]}"; do
  [ -d "/usr/lib/node_modules/${p%@*}" ] || npm install -g --prefix /usr --no-audit --no-fund --loglevel=error "$p"
done
node dist/src/cli/main.js languages | tail -n 1

log "checking the host"
node dist/src/cli/main.js doctor || die "this host cannot build boxes yet; see the lines marked FAIL above"

[ "$start" = 1 ] || { log "built; not starting the service (--no-start)"; exit 0; }

# The service: SQLite in /var/lib/airlock, in-process queue. Port and the rest come from AIRLOCK_* variables
# (AIRLOCK_PORT, AIRLOCK_HOST, AIRLOCK_DATA_DIR, ...) or /etc/airlock/config.json.
port="${AIRLOCK_PORT:-8080}"
# A 2 MiB young generation instead of 16: about 15 MiB less RSS for a few more (cheap) scavenges. V8's
# --optimize-for-size: its heap grew by about 7 MiB per 1000 runs of sustained load (garbage between major
# collections, not live data) from 93 to 125 MiB; with it the service stays at 85-91 MiB, for the same
# throughput and CPU per run (docs/performance.md). Node refuses both in NODE_OPTIONS, hence the command line.
node_flags=(--max-semi-space-size=2 --optimize-for-size)
host="${AIRLOCK_HOST:-127.0.0.1}"
# glibc: big buffers (a 16 MiB output's copies) in their own mappings, given back when freed, and two arenas, not
# one per thread: without these the service's RSS kept the size of its busiest moment (docs/operations.md).
malloc_env=(MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 MALLOC_TRIM_THRESHOLD_=131072)
serve_env=(AIRLOCK_PORT="$port" AIRLOCK_HOST="$host" "${malloc_env[@]}")
[ -f /etc/airlock/config.json ] && serve_env+=(AIRLOCK_CONFIG=/etc/airlock/config.json)
for v in $(compgen -e | grep '^AIRLOCK_' || true); do serve_env+=("$v=${!v}"); done

wait_healthy() {
  for _ in $(seq 1 60); do
    if node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "http://$host:$port/v1/health" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  return 1
}

if [ "$(ps -p 1 -o comm= 2>/dev/null)" = systemd ] && [ -d /run/systemd/system ]; then
  # systemd is PID 1: a unit restarts the service on failure and at boot.
  log "installing and (re)starting airlock.service"
  {
    printf '[Unit]\nDescription=airlock code runner\nAfter=network.target\n\n[Service]\n'
    for e in "${serve_env[@]}"; do printf 'Environment=%q\n' "$e"; done
    printf 'ExecStart=%s %s %s serve\nKillSignal=SIGTERM\nTimeoutStopSec=30\nRestart=on-failure\n\n[Install]\nWantedBy=multi-user.target\n' "$(command -v node)" "${node_flags[*]}" "$PWD/dist/src/cli/main.js"
  } > /etc/systemd/system/airlock.service
  systemctl daemon-reload
  systemctl enable --quiet airlock.service
  systemctl restart airlock.service
  logs="journalctl -u airlock"
else
  # No systemd (containers, CI machines): a detached process with a pid file and a log file; a rerun restarts it.
  piddir=/run/airlock-service
  pidfile=$piddir/airlock.pid
  logs=/var/log/airlock/airlock.log
  install -d -m 0700 "$piddir" /var/log/airlock
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    old=$(cat "$pidfile")
    log "stopping the running service (pid $old)"
    kill -TERM "$old"
    for _ in $(seq 1 60); do kill -0 "$old" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$old" 2>/dev/null && { log "pid $old did not stop in 30 s; killing it"; kill -KILL "$old"; }
  fi
  log "starting the service (log: $logs)"
  env "${serve_env[@]}" setsid node "${node_flags[@]}" "$PWD/dist/src/cli/main.js" serve >>"$logs" 2>&1 < /dev/null &
  echo $! > "$pidfile"
fi

wait_healthy || die "the service did not become healthy on http://$host:$port; see $logs"
log "airlock is serving on http://$host:$port (docs: http://$host:$port/docs, logs: $logs)"
log "try: curl -s http://$host:$port/v1/runs -H 'content-type: application/json' -d '{\"language\":\"python3\",\"source\":\"print(42)\"}'"
