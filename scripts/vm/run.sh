#!/usr/bin/env bash
# Runs part of the test suite inside a VM whose kernel mounts only cgroup v2,
# so the launcher's v2 code path is tested on hosts that use v1 (and on
# Debian 12's own 6.1 kernel). The guest sees this machine's files read-only
# over 9p, with fresh tmpfs for /tmp and /run.
#   scripts/vm/run.sh [test-filter ...]     e.g. scripts/vm/run.sh sandbox engine
# Needs: qemu-system-x86, linux-image-amd64, busybox-static, cpio (setup.sh --vm installs them).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
kernel=$(ls -1 /boot/vmlinuz-* 2>/dev/null | sort -V | tail -n 1)
[ -n "$kernel" ] || { echo "vm: no kernel in /boot (apt-get install linux-image-amd64)" >&2; exit 2; }
kver=${kernel#/boot/vmlinuz-}
cache=/var/cache/airlock-vm/$kver
initrd=$cache/initrd.cpio.gz

if [ ! -s "$initrd" ] || [ "$initrd" -ot "$0" ] || [ "$initrd" -ot "$repo/scripts/vm/init" ]; then
  work=$(mktemp -d)
  mkdir -p "$work"/{bin,proc,sys,dev,newroot,lib/modules}
  cp /bin/busybox "$work/bin/busybox"
  # The 9p root filesystem and virtio, with the dependency list modprobe reads.
  mods=/lib/modules/$kver
  mkdir -p "$work$mods"
  for m in virtio virtio_ring virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci netfs fscache 9pnet 9pnet_virtio 9p; do
    f=$(modinfo -k "$kver" -n "$m" 2>/dev/null) || continue
    case "$f" in (builtin|"") continue ;; esac
    mkdir -p "$work$(dirname "$f")"
    cp "$f" "$work$f"
  done
  cp "$mods"/modules.{dep,builtin,order,alias} "$work$mods/" 2>/dev/null || true
  depmod -b "$work" "$kver"
  install -m 0755 "$repo/scripts/vm/init" "$work/init"
  mkdir -p "$cache"
  (cd "$work" && find . | cpio -o -H newc --quiet | gzip -1) > "$initrd.tmp"
  mv "$initrd.tmp" "$initrd"
  rm -rf "$work"
fi

# Software emulation by default: nested KVM is not reliable on cloud VMs (this
# one never gets past the boot loader). AIRLOCK_VM_ACCEL=kvm to try it.
accel=${AIRLOCK_VM_ACCEL:-tcg}
cpu=max
[ "$accel" = kvm ] && cpu=host,-arch-capabilities
filters="${*:-sandbox}"
log=$(mktemp)
timeout 1800 qemu-system-x86_64 -accel "$accel" -cpu "$cpu" -m 3072 -smp 2 -nographic -no-reboot \
  -kernel "$kernel" -initrd "$initrd" \
  -append "console=ttyS0 quiet panic=-1 airlock.repo=$repo airlock.tests=${filters// /,}" \
  -virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
  -nic none | tee "$log" | grep -v '^\s*$' || true
code=$(sed -n 's/.*AIRLOCK_VM_EXIT=\([0-9]*\).*/\1/p' "$log" | tail -n 1)
rm -f "$log"
[ -n "$code" ] || { echo "vm: the guest did not report a result" >&2; exit 1; }
exit "$code"
