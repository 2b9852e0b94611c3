#!/usr/bin/env bash
# build-rootfs.sh [options] DIR: build the boxes' root filesystem from Debian packages with
# mmdebstrap, for `airlock-sandbox --root DIR` (and later `airlock serve --rootfs DIR`).
# Nothing of the host goes in: packages come from the mirror, /etc is the packages' own.
#
#   --languages minimal|core|all   minimal: gcc, libc6-dev, python3 (the test image)
#                                  core: + g++ (c, cpp, python3; the default)
#                                  all: + nodejs, openjdk-17-jdk-headless, and more runtimes
#   --packages "a b"               extra Debian packages
#   --suite NAME                   Debian suite (bookworm)
#   --mirror URL                   Debian mirror (http://deb.debian.org/debian)
#
# The result is owned by root, read-only to boxes (the launcher binds it read-only), and carries
# /etc/airlock-image and /usr/share/airlock/image-id: what was built, from what, when.
set -euo pipefail

languages=core
extra=""
suite=bookworm
mirror=http://deb.debian.org/debian
while [ $# -gt 1 ]; do
  case "$1" in
    --languages) languages="$2"; shift 2 ;;
    --packages) extra="$2"; shift 2 ;;
    --suite) suite="$2"; shift 2 ;;
    --mirror) mirror="$2"; shift 2 ;;
    *) echo "build-rootfs.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ $# -eq 1 ] || { sed -n '2,13p' "$0" >&2; exit 2; }
target="$1"
[ "$(id -u)" = 0 ] || { echo "build-rootfs.sh: run as root (mmdebstrap --mode=root)" >&2; exit 1; }
command -v mmdebstrap >/dev/null || { echo "build-rootfs.sh: mmdebstrap is not installed (setup.sh installs it)" >&2; exit 1; }
[ ! -e "$target" ] || [ -z "$(ls -A "$target" 2>/dev/null)" ] || { echo "build-rootfs.sh: $target exists and is not empty" >&2; exit 1; }

case "$languages" in
  minimal) packages="gcc libc6-dev python3" ;;
  core) packages="gcc g++ libc6-dev python3" ;;
  all) packages="gcc g++ libc6-dev python3 nodejs openjdk-17-jdk-headless ruby perl php-cli lua5.4 golang rustc" ;;
  *) echo "build-rootfs.sh: --languages wants minimal, core or all" >&2; exit 2 ;;
esac
packages="$packages $extra"
id="$(date -u +%Y%m%dT%H%M%SZ)-$(head -c6 /dev/urandom | od -An -tx1 | tr -d ' \n')"

# essential: dpkg, coreutils, bash and the rest of Essential:yes, no apt, no init, no daemons.
# Documentation, man pages and locales are dropped: boxes never read them, and smaller is faster
# to build, to ship in an image and to audit.
mmdebstrap \
  --mode=root \
  --variant=essential \
  --include="$(echo $packages | tr ' ' ',')" \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --customize-hook='rm -rf "$1"/var/cache/* "$1"/var/lib/apt/lists/* "$1"/var/log/*' \
  --customize-hook='rm -f "$1"/etc/resolv.conf "$1"/etc/hostname "$1"/etc/machine-id' \
  --customize-hook="mkdir -p \"\$1\"/usr/share/airlock && echo $id > \"\$1\"/usr/share/airlock/image-id" \
  --customize-hook="printf 'id=%s\nsuite=%s\nmirror=%s\nlanguages=%s\npackages=%s\n' '$id' '$suite' '$mirror' '$languages' '$packages' > \"\$1\"/etc/airlock-image" \
  "$suite" "$target" "$mirror"

echo "build-rootfs.sh: $target ($languages, id $id)"
