#!/usr/bin/env bash
# Delegate a cgroup subtree to an ordinary user, for airlock's rootless mode (run once per boot, as root;
# systemd's Delegate=yes does the same for the units in deploy/systemd).
#   scripts/delegate-cgroups.sh USER
# cgroup v1: airlock-UID under the memory, pids and cpuacct hierarchies, owned by USER.
# cgroup v2: /sys/fs/cgroup/airlock-UID with memory, pids and cpu enabled, owned by USER; pass
#            --cgroup-root /sys/fs/cgroup/airlock-UID/boxes and start the service inside .../service.
set -euo pipefail
user="${1:?usage: delegate-cgroups.sh USER}"
uid=$(id -u "$user")
gid=$(id -g "$user")
if [ "$(stat -f -c %T /sys/fs/cgroup)" = cgroup2fs ]; then
  dir=/sys/fs/cgroup/airlock-$uid
  echo "+memory +pids +cpu" > /sys/fs/cgroup/cgroup.subtree_control
  mkdir -p "$dir/service" "$dir/boxes"
  echo "+memory +pids +cpu" > "$dir/cgroup.subtree_control"
  echo "+memory +pids +cpu" > "$dir/boxes/cgroup.subtree_control"
  # The files a delegatee may write, as systemd delegates them.
  chown "$uid:$gid" "$dir" "$dir"/{cgroup.procs,cgroup.subtree_control,cgroup.threads} \
    "$dir"/{service,boxes} "$dir"/{service,boxes}/{cgroup.procs,cgroup.subtree_control,cgroup.threads}
else
  for c in memory pids cpuacct; do
    dir=/sys/fs/cgroup/$c/airlock-$uid
    [ -d "/sys/fs/cgroup/$c" ] || { echo "delegate-cgroups: no cgroup v1 $c hierarchy" >&2; exit 1; }
    mkdir -p "$dir"
    chown "$uid:$gid" "$dir" "$dir/cgroup.procs" "$dir/tasks"
  done
fi
echo "delegate-cgroups: cgroups delegated to $user (uid $uid)"
