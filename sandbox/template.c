/*
 * Templates: the read-only part of a box's filesystem, built once per
 * configuration and kept as a mount namespace bound at
 * <state-dir>/mnt-<key>. Building a root costs a dozen mounts, a recursive
 * propagation change and a lazy unmount of the host tree (which waits for an
 * RCU grace period); copying a ready namespace costs one unshare.
 *
 * A template holds nothing a run can write to: every mount in it is
 * read-only (except binds the caller asked to be writable), and each box gets
 * its own copy of the namespace with fresh writable mounts attached on top.
 * The key covers everything the template was built from, including the
 * identity (inode, mtime) of each /etc file it binds, so an upgrade on the
 * host makes a new template instead of showing a stale file.
 */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

#define READY 0x01 /* first byte from the builder when the template is ready */

static uint64_t hash_str(uint64_t h, const char *s)
{
	return fnv1a(h, s, strlen(s) + 1);
}

/* Fold in what a path is: kind, inode and change time; a missing path counts too. */
static uint64_t hash_path(uint64_t h, const char *path)
{
	struct stat st;
	h = hash_str(h, path);
	if (lstat(path, &st) < 0)
		return fnv1a(h, "missing", 7);
	uint64_t id[] = { st.st_dev, st.st_ino, st.st_mode, (uint64_t)st.st_size,
			  (uint64_t)st.st_mtim.tv_sec, (uint64_t)st.st_mtim.tv_nsec };
	return fnv1a(h, id, sizeof id);
}

static char *template_path(const struct config *cfg)
{
	uint64_t h = launcher_identity();
	const char *base = strcmp(cfg->root, "/") ? cfg->root : "";
	h = hash_str(h, cfg->root);
	h = hash_str(h, cfg->hostname);
	h = fnv1a(h, &cfg->tty, sizeof cfg->tty); /* a tty box's /dev has pts, ptmx and tty */
	for (size_t i = 0; i < N_SYSTEM_DIRS; i++) {
		char *p = xasprintf("%s/%s", base, system_dirs[i]);
		h = hash_path(h, p);
		free(p);
	}
	for (size_t i = 0; i < N_ETC_DEFAULTS + (size_t)cfg->netc; i++) {
		char *p = xasprintf("%s/etc/%s", base, i < N_ETC_DEFAULTS ? etc_defaults[i] : cfg->etc[i - N_ETC_DEFAULTS]);
		h = hash_path(h, p);
		free(p);
	}
	for (int i = 0; i < cfg->nbinds; i++) {
		h = hash_path(h, cfg->binds[i].src);
		h = hash_str(h, cfg->binds[i].dst);
		h = fnv1a(h, &cfg->binds[i].rw, sizeof cfg->binds[i].rw);
	}
	return xasprintf("%s/mnt-%016llx", cfg->state_dir, (unsigned long long)h);
}

/* An fd on the mount namespace bound at path, or -1 when there is none. */
static int open_mntns(const char *path)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct statfs fs;
	if (fd >= 0 && (fstatfs(fd, &fs) < 0 || fs.f_type != NSFS_MAGIC || ioctl(fd, NS_GET_NSTYPE) != CLONE_NEWNS))
		close_fd(&fd);
	return fd;
}

/* Build the template in a child's new mount namespace and bind that namespace at path. */
static void build(const struct config *cfg, const char *path)
{
	int report[2], done[2];
	if (pipe2(report, O_CLOEXEC) < 0 || pipe2(done, O_CLOEXEC) < 0)
		die("pipe");
	pid_t pid = fork();
	if (pid < 0)
		die("fork the template builder");
	if (pid == 0) {
		current_role = ROLE_INIT;
		child_error_fd = report[1];
		/* The slot lock must die with the launcher, not stay with us. */
		close_fd(&slot_lock);
		close_fd(&report[0]);
		close_fd(&done[1]);
		if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0)
			die("set the parent-death signal");
		if (unshare(CLONE_NEWNS) < 0)
			die("unshare the mount namespace");
		mounts_build_template(cfg, false);
		char ready = READY, byte;
		if (!write_all(report[1], &ready, 1))
			_exit(3);
		/* Stay until the launcher has bound our namespace (it closes the pipe). */
		while (read(done[0], &byte, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close_fd(&report[1]);
	close_fd(&done[0]);
	char msg[300];
	ssize_t n;
	while ((n = read(report[0], msg, sizeof msg - 1)) < 0 && errno == EINTR)
		;
	if (n != 1 || msg[0] != READY) {
		msg[n > 0 ? n : 0] = 0;
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		die("build the box template: %s", n > 0 ? msg : "the builder died");
	}
	int fd = open(path, O_RDONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 || close(fd) < 0)
		die("create %s", path);
	char *ns = xasprintf("/proc/%d/ns/mnt", (int)pid);
	if (mount(ns, path, NULL, MS_BIND, NULL) < 0)
		die("bind the template namespace at %s", path);
	free(ns);
	close_fd(&done[1]);
	close_fd(&report[0]);
	if (waitpid(pid, NULL, 0) < 0)
		die("wait for the template builder");
}

int template_open(const struct config *cfg)
{
	/* A template outlives its launcher as a bind mount on the host: not for a rootless one. */
	if (cfg->rootless)
		return -1;
	char *path = template_path(cfg);
	char *lock_path = xasprintf("%s.lock", path);
	int fd = open_mntns(path);
	if (fd < 0) {
		/* One builder at a time per template; the others wait and use its result. */
		autoclose int lock = open(lock_path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (lock < 0 || flock(lock, LOCK_EX) < 0)
			die_errno("lock %s", lock_path);
		fd = open_mntns(path);
		if (fd < 0) {
			build(cfg, path);
			fd = open_mntns(path);
			if (fd < 0)
				die("open the new template %s", path);
			/* A new template: the one it replaces (an older launcher's, older /etc files) may now be unused. */
			state_sweep(cfg->state_dir);
		}
	}
	/* The lock's mtime is the template's last use: state_sweep removes templates unused for an hour. */
	state_mark_used(lock_path);
	free(lock_path);
	free(path);
	return fd;
}

/* A detached, read-only bind of a small root-owned file the launcher keeps in the state dir. */
static int detached_file(const char *path, const char *content)
{
	char buf[1024];
	ssize_t n = read_file(path, buf, sizeof buf);
	if (n < 0 || strcmp(buf, content) != 0) {
		char *tmp = xasprintf("%s.%d", path, (int)getpid());
		int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (fd < 0 || !write_all(fd, content, strlen(content)) || fchmod(fd, 0644) < 0 || close(fd) < 0 ||
		    rename(tmp, path) < 0)
			die("write %s", path);
		free(tmp);
	}
	int mnt = open_tree(AT_FDCWD, path, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
	if (mnt < 0)
		die("open_tree %s", path);
	struct mount_attr attr = { .attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC };
	if (mount_setattr(mnt, "", AT_EMPTY_PATH, &attr, sizeof attr) < 0)
		die("make %s read-only", path);
	return mnt;
}

/* Whether dir is a mount's root: true where the kernel cannot say (before 5.8), since the files
 * then stay where they are and work as before. Dies if dir is not a directory. */
static bool is_mount_root(const char *dir)
{
	struct statx stx;
	if (statx(AT_FDCWD, dir, AT_SYMLINK_NOFOLLOW, STATX_TYPE, &stx) < 0)
		die_errno("stat %s", dir);
	if (!S_ISDIR(stx.stx_mode))
		die("%s is not a directory", dir);
	return !(stx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT) || (stx.stx_attributes & STATX_ATTR_MOUNT_ROOT);
}

/*
 * Where the identity files live. open_tree of a file checks every mount below the file's own
 * mount (the kernel's has_locked_children), and the state directory's mount also holds every
 * slot's pooled network namespace and every template: hundreds of mounts on a busy host, each
 * checked twice per box. In root mode the files get a directory that is a mount of its own
 * (bound onto itself once), with nothing below it: the first box after a boot binds it, later
 * ones only check.
 */
static char *identity_dir(const struct config *cfg)
{
	if (cfg->rootless)
		return xstrdup(cfg->state_dir);
	char *dir = xasprintf("%s/identity", cfg->state_dir);
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		die_errno("mkdir %s", dir);
	if (is_mount_root(dir))
		return dir;
	/* One binder at a time, or two launchers would stack two mounts here. */
	char *lock_path = xasprintf("%s.lock", dir);
	autoclose int lock = open(lock_path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (lock < 0 || flock(lock, LOCK_EX) < 0)
		die_errno("lock %s", lock_path);
	free(lock_path);
	if (!is_mount_root(dir) && mount(dir, dir, NULL, MS_BIND, NULL) < 0)
		die_errno("bind %s onto itself", dir);
	if (!is_mount_root(dir))
		die("%s: bound onto itself, and still not a mount", dir);
	return dir;
}

void identity_open(const struct config *cfg, int *passwd, int *group)
{
	char *pw = xasprintf("root:x:0:0:root:/root:/usr/sbin/nologin\n"
			     "box:x:%u:%u:box:/box:/bin/sh\n"
			     "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n",
			     (unsigned)cfg->uid, (unsigned)cfg->gid);
	char *gr = xasprintf("root:x:0:\nbox:x:%u:\nnogroup:x:65534:\n", (unsigned)cfg->gid);
	char *dir = identity_dir(cfg);
	char *pw_path = xasprintf("%s/passwd-%u-%u", dir, (unsigned)cfg->uid, (unsigned)cfg->gid);
	char *gr_path = xasprintf("%s/group-%u", dir, (unsigned)cfg->gid);
	free(dir);
	*passwd = detached_file(pw_path, pw);
	*group = detached_file(gr_path, gr);
	free(pw), free(gr), free(pw_path), free(gr_path);
}
