# A VM image with airlock preinstalled and the host hardened (the seed's "immutable server"): build
# a new image for every change and replace servers, never patch them in place.
#
#   git archive --format=tar.gz -o deploy/packer/airlock.tar.gz HEAD
#   packer build -var airlock_tarball=deploy/packer/airlock.tar.gz deploy/packer/airlock.pkr.hcl
#
# Checked with `packer validate` (Debian's packer 1.6) in test/deploy/packer.test.ts. The build itself
# needs QEMU/KVM and the network; it starts from Debian's official cloud image.

variable "debian_image_url" {
  type    = string
  default = "https://cloud.debian.org/images/cloud/bookworm/latest/debian-12-genericcloud-amd64.qcow2"
}

variable "debian_image_checksum" {
  type    = string
  default = "file:https://cloud.debian.org/images/cloud/bookworm/latest/SHA512SUMS"
}

variable "airlock_tarball" {
  type        = string
  description = "git archive of the repository (see above)"
  default     = "airlock.tar.gz"
}

variable "build_password" {
  type        = string
  description = "password of the temporary build user; the provisioner deletes that user"
  default     = "airlock-build-only"
  sensitive   = true
}

variable "output_directory" {
  type    = string
  default = "output-airlock"
}

source "qemu" "airlock" {
  iso_url          = var.debian_image_url
  iso_checksum     = var.debian_image_checksum
  disk_image       = true
  format           = "qcow2"
  disk_size        = "8G"
  disk_compression = true
  memory           = 2048
  cpus             = 2
  accelerator      = "kvm"
  headless         = true
  output_directory = var.output_directory
  vm_name          = "airlock.qcow2"

  # cloud-init (NoCloud over Packer's HTTP server) creates the temporary build user.
  http_directory = "http"
  qemuargs       = [["-smbios", "type=1,serial=ds=nocloud-net;s=http://{{ .HTTPIP }}:{{ .HTTPPort }}/"]]

  communicator     = "ssh"
  ssh_username     = "build"
  ssh_password     = var.build_password
  ssh_timeout      = "15m"
  shutdown_command = "sudo shutdown -P now"
}

build {
  sources = ["source.qemu.airlock"]

  provisioner "file" {
    source      = var.airlock_tarball
    destination = "/tmp/airlock.tar.gz"
  }

  provisioner "file" {
    source      = "provision.sh"
    destination = "/tmp/provision.sh"
  }

  # Installs airlock and the deploy/ files, builds the boxes' root image, and removes the build user
  # and every per-machine secret (host keys, machine-id) so that each server gets its own at boot.
  provisioner "shell" {
    inline          = ["sudo bash /tmp/provision.sh /tmp/airlock.tar.gz"]
    expect_disconnect = false
  }
}
