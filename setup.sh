#!/usr/bin/env bash
# airlock setup for Debian 12, as root. Idempotent: run it again at any time.
#   ./setup.sh               install packages, build, start the service (SQLite, in-process queue)
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

log "installing npm dependencies"
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi
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

if [ "$start" = 1 ]; then
  log "airlock is installed. Try: echo 'print(\"Hello\")' > hello.py && airlock run hello.py"
fi
