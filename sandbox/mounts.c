/*
 * The box's filesystem in two parts.
 *
 * The template (built once per configuration, see template.c): a small tmpfs
 * root with read-only binds of the system directories, a few /etc files, a
 * minimal /dev and empty mount points, pivoted into so the host's tree is
 * gone, all read-only. It holds nothing a run can write to.
 *
 * The box (every run, in init): a private copy of the template's mount
 * namespace, then the run's own fresh mounts attached on top: /box, /tmp,
 * /dev/shm (detached tmpfs made by the launcher), /etc/passwd and /etc/group
 * (the slot's identity) and a fresh /proc of the box's pid namespace.
 */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* What the box sees of /usr and friends; no /home, /root, /var, /run, /sys, /boot. */
const char *const system_dirs[N_SYSTEM_DIRS] = { "usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32" };
/* /etc entries every runtime needs; languages add theirs with --etc. */
const char *const etc_defaults[N_ETC_DEFAULTS] = { "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "alternatives" };
/* The only devices a box gets; the numbers are fixed by the kernel's ABI. */
static const struct {
	const char *name;
	unsigned major, minor;
} dev_nodes[] = { { "null", 1, 3 }, { "zero", 1, 5 }, { "full", 1, 7 }, { "random", 1, 8 }, { "urandom", 1, 9 } };

static char newroot[PATH_MAX];

static const char *at_root(const char *rel)
{
	static char path[PATH_MAX];
	int n = snprintf(path, sizeof path, "%s/%s", newroot, rel[0] == '/' ? rel + 1 : rel);
	if (n < 0 || (size_t)n >= sizeof path)
		die("path too long: %s", rel);
	return path;
}

static void mkdir_p(const char *rel, mode_t mode)
{
	char buf[PATH_MAX];
	snprintf(buf, sizeof buf, "%s", rel[0] == '/' ? rel + 1 : rel);
	for (char *p = buf;; p++) {
		if (*p != '/' && *p)
			continue;
		char saved = *p;
		*p = 0;
		if (mkdir(at_root(buf), mode) < 0 && errno != EEXIST)
			die_errno("mkdir %s", buf);
		if (!saved)
			break;
		*p = saved;
	}
}

static void write_new_file(const char *rel, const char *content)
{
	int fd = open(at_root(rel), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0 || !write_all(fd, content, strlen(content)) || close(fd) < 0)
		die_errno("write %s", rel);
}

static void bind(const char *src, const char *rel)
{
	char from[PATH_MAX];
	snprintf(from, sizeof from, "%s", src); /* src may be at_root()'s buffer */
	if (mount(from, at_root(rel), NULL, MS_BIND, NULL) < 0)
		die_errno("bind %s at %s", from, rel);
}

/* Bind src at rel, making a mount point of the right kind; a symlink is copied as a symlink. */
static void expose(const char *src, const char *rel)
{
	struct stat st;
	if (lstat(src, &st) < 0) {
		if (errno == ENOENT)
			return;
		die_errno("stat %s", src);
	}
	if (S_ISLNK(st.st_mode)) {
		char target[PATH_MAX];
		ssize_t n = readlink(src, target, sizeof target - 1);
		if (n < 0)
			die_errno("readlink %s", src);
		target[n] = 0;
		if (symlink(target, at_root(rel)) < 0)
			die_errno("symlink %s", rel);
		return;
	}
	if (S_ISDIR(st.st_mode))
		mkdir_p(rel, 0755);
	else
		write_new_file(rel, "");
	bind(src, rel);
}

static void step_private_root(const struct config *cfg)
{
	/* Nothing we mount may propagate back to the host. */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		die_errno("make / private");
	int n = snprintf(newroot, sizeof newroot, "%s/root", cfg->state_dir);
	if (n < 0 || (size_t)n >= sizeof newroot)
		die("state dir path too long");
	/* Not nodev: /dev's nodes live here. It turns read-only before any box uses it. */
	if (mount("airlock", newroot, "tmpfs", MS_NOSUID, "size=1m,nr_inodes=1024,mode=0755") < 0)
		die_errno("mount the root tmpfs on %s", newroot);
}

static void step_system_dirs(const struct config *cfg)
{
	for (size_t i = 0; i < N_SYSTEM_DIRS; i++) {
		char *src = xasprintf("%s/%s", strcmp(cfg->root, "/") ? cfg->root : "", system_dirs[i]);
		expose(src, system_dirs[i]);
		free(src);
	}
}

static void step_etc(const struct config *cfg)
{
	mkdir_p("etc", 0755);
	char *hosts = xasprintf("127.0.0.1\tlocalhost %s\n::1\tlocalhost\n", cfg->hostname);
	char *hostname = xasprintf("%s\n", cfg->hostname);
	write_new_file("etc/hosts", hosts);
	write_new_file("etc/hostname", hostname);
	/* Only files: no NSS module may reach for a daemon socket. */
	write_new_file("etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files\n");
	/* Mount points for the slot's own passwd and group, attached per box. */
	write_new_file("etc/passwd", "");
	write_new_file("etc/group", "");
	free(hosts), free(hostname);
	const char *base = strcmp(cfg->root, "/") ? cfg->root : "";
	for (size_t i = 0; i < N_ETC_DEFAULTS + (size_t)cfg->netc; i++) {
		const char *name = i < N_ETC_DEFAULTS ? etc_defaults[i] : cfg->etc[i - N_ETC_DEFAULTS];
		char *src = xasprintf("%s/etc/%s", base, name);
		char *rel = xasprintf("etc/%s", name);
		char *slash = strrchr(rel, '/');
		*slash = 0;
		mkdir_p(rel, 0755);
		*slash = '/';
		expose(src, rel);
		free(src), free(rel);
	}
}

/* mknod in the root tmpfs is cheaper than bind mounts; a box itself can make no device node (no
 * CAP_MKNOD, a read-only root, nodev workspaces). In a user namespace mknod is refused, so rootless
 * mode binds the host's nodes. */
static void dev_node(const struct config *cfg, const char *name, unsigned major, unsigned minor)
{
	char *rel = xasprintf("dev/%s", name);
	if (cfg->rootless) {
		char *src = xasprintf("/dev/%s", name);
		write_new_file(rel, "");
		bind(src, rel);
		free(src);
	} else if (mknod(at_root(rel), S_IFCHR | 0666, makedev(major, minor)) < 0 || chmod(at_root(rel), 0666) < 0) {
		die_errno("mknod %s", rel);
	}
	free(rel);
}

static void step_dev(const struct config *cfg)
{
	mkdir_p("dev/shm", 0755);
	for (size_t i = 0; i < sizeof dev_nodes / sizeof *dev_nodes; i++)
		dev_node(cfg, dev_nodes[i].name, dev_nodes[i].major, dev_nodes[i].minor);
	/* --tty: where each box mounts a devpts instance of its own (tty.c). /dev/ptmx leads into it,
	 * and /dev/tty (5:0) opens the opener's own controlling terminal, never another: no host
	 * terminal has a node here. Without --tty none of the three exists. */
	if (cfg->tty) {
		mkdir_p("dev/pts", 0755);
		if (symlink("pts/ptmx", at_root("dev/ptmx")) < 0)
			die_errno("symlink dev/ptmx");
		dev_node(cfg, "tty", 5, 0);
	}
	static const char *const links[][2] = {
		{ "/proc/self/fd", "dev/fd" }, { "/proc/self/fd/0", "dev/stdin" },
		{ "/proc/self/fd/1", "dev/stdout" }, { "/proc/self/fd/2", "dev/stderr" },
	};
	for (size_t i = 0; i < 4; i++)
		if (symlink(links[i][0], at_root(links[i][1])) < 0)
			die_errno("symlink %s", links[i][1]);
}

static void step_mount_points(const struct config *cfg)
{
	mkdir_p("box", 0755);
	mkdir_p("tmp", 0755);
	mkdir_p("proc", 0555);
	for (int i = 0; i < cfg->nbinds; i++) {
		struct stat st;
		if (stat(cfg->binds[i].src, &st) < 0)
			die_errno("bind source %s", cfg->binds[i].src);
		if (S_ISDIR(st.st_mode)) {
			mkdir_p(cfg->binds[i].dst, 0755);
		} else {
			char *parent = xstrdup(cfg->binds[i].dst);
			*strrchr(parent, '/') = 0;
			if (*parent)
				mkdir_p(parent, 0755);
			free(parent);
			if (access(at_root(cfg->binds[i].dst), F_OK) < 0)
				write_new_file(cfg->binds[i].dst, "");
		}
		bind(cfg->binds[i].src, cfg->binds[i].dst);
	}
}

static void setattr(const char *rel, unsigned flags, uint64_t set, uint64_t clr)
{
	struct mount_attr attr = { .attr_set = set, .attr_clr = clr };
	if (mount_setattr(AT_FDCWD, at_root(rel), flags, &attr, sizeof attr) < 0)
		die_errno("mount_setattr %s (kernel 5.12 or later is needed)", rel);
}

static void step_read_only(const struct config *cfg)
{
	/* The box may not alter its root, the system dirs, /etc or ro binds. */
	setattr("", AT_RECURSIVE, MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID, 0);
	for (int i = 0; i < cfg->nbinds; i++)
		if (cfg->binds[i].rw)
			setattr(cfg->binds[i].dst, 0, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV, MOUNT_ATTR_RDONLY);
}

static void step_pivot(void)
{
	/* pivot_root(".", ".") stacks the old root under the new one; detaching it drops the host tree. */
	if (chdir(newroot) < 0)
		die_errno("chdir %s", newroot);
	if (syscall(SYS_pivot_root, ".", ".") < 0)
		die_errno("pivot_root");
	if (umount2(".", MNT_DETACH) < 0)
		die_errno("detach the old root");
	if (chdir("/") < 0)
		die_errno("chdir /");
}

static void step_proc(void)
{
	/* A fresh proc of the box's pid namespace; hidepid=2 hides init (root) too. */
	if (mount("proc", at_root("proc"), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "hidepid=2") < 0)
		die_errno("mount /proc");
}

void mounts_build_template(const struct config *cfg, bool in_box)
{
	step_private_root(cfg);
	step_system_dirs(cfg);
	step_etc(cfg);
	step_dev(cfg);
	step_mount_points(cfg);
	step_read_only(cfg);
	/* In a user namespace, proc may only be mounted while the host's is still visible. */
	if (in_box)
		step_proc();
	step_pivot();
}

/* Attach a detached mount (made by the launcher) at a path of the box. */
static void attach(int mnt_fd, const char *target)
{
	if (move_mount(mnt_fd, "", AT_FDCWD, target, MOVE_MOUNT_F_EMPTY_PATH) < 0)
		die_errno("attach the box's %s", target);
}

void mounts_enter_box(const struct config *cfg, const struct box_mounts *m)
{
	/* Joining the template's namespace also moves our root and cwd to its root;
	 * unsharing then gives this box its own copy, so nothing we attach is shared.
	 * Without a template (rootless), the box builds its own root. */
	if (m->template_fd >= 0 && setns(m->template_fd, CLONE_NEWNS) < 0)
		die_errno("join the template mount namespace");
	if (unshare(CLONE_NEWNS) < 0)
		die_errno("copy the template mount namespace");
	if (m->template_fd < 0)
		mounts_build_template(cfg, true);
	attach(m->ws.box, "/box");
	attach(m->ws.tmp, "/tmp");
	attach(m->ws.shm, "/dev/shm");
	attach(m->passwd, "/etc/passwd");
	attach(m->group, "/etc/group");
	if (m->template_fd >= 0 && mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "hidepid=2") < 0)
		die_errno("mount /proc");
	if (chdir("/") < 0)
		die_errno("chdir /");
}
