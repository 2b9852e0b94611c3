#!/usr/bin/env bash
# provision.sh TARBALL: inside the Packer VM, as root. Installs airlock in /opt/airlock, the hardened
# host files from deploy/ (deploy/README.md lists them), the boxes' root image, then seals the image.
set -euxo pipefail
tarball="$1"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends nodejs npm ca-certificates

install -d /opt/airlock
tar -xzf "$tarball" -C /opt/airlock
cd /opt/airlock
./setup.sh --no-start

install -D -m 0755 deploy/systemd/airlock-cgroup-enter /usr/local/lib/airlock/cgroup-enter
cp -r deploy/systemd/airlock.slice deploy/systemd/airlock-api.service deploy/systemd/airlock-worker.service deploy/systemd/airlock-.service.d /etc/systemd/system/
install -m 0644 deploy/sysctl/90-airlock.conf /etc/sysctl.d/90-airlock.conf
install -m 0644 deploy/nginx/airlock.conf /etc/nginx/conf.d/airlock.conf
rm -f /etc/nginx/sites-enabled/default
nginx -t
install -m 0644 deploy/ssh/airlock.conf /etc/ssh/sshd_config.d/airlock.conf
sshd -t
install -m 0644 deploy/fail2ban/airlock.local /etc/fail2ban/jail.d/airlock.local
install -m 0755 deploy/nftables/airlock.nft /etc/nftables.conf
nft -c -f /etc/nftables.conf

# The boxes' root: Debian packages only, nothing of this VM's own configuration.
deploy/image/build-rootfs.sh --languages core /var/lib/airlock/rootfs

systemctl daemon-reload
systemctl enable nftables.service fail2ban.service nginx.service airlock-api.service

# Seal: no build user, no per-machine identity, no caches.
userdel -r build || true
rm -f /etc/sudoers.d/90-cloud-init-users
rm -f /etc/ssh/ssh_host_*
truncate -s 0 /etc/machine-id
apt-get clean
rm -rf /var/lib/apt/lists/* /tmp/* /var/tmp/*
cloud-init clean --logs || true
