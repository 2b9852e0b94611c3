/*
 * The workspace: fresh tmpfs instances per run, made detached with the new
 * mount API so they never appear in the host's mount table: one for /box,
 * one for /tmp, one for /dev/shm, each capped in size and inodes (and all
 * charged to the box's memory cgroup). We keep /box's fd after the run to copy
 * results out, never following a link.
 */
#include "sandbox.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_DEPTH 32

static void config_fs(int fs, const char *key, const char *value)
{
	if (fsconfig(fs, FSCONFIG_SET_STRING, key, value, 0) < 0)
		die_errno("tmpfs option %s=%s", key, value);
}

/* A detached tmpfs whose root has the given owner and mode. */
static int make_tmpfs(const struct config *cfg, const char *mode, uid_t uid, gid_t gid)
{
	autoclose int fs = fsopen("tmpfs", FSOPEN_CLOEXEC);
	if (fs < 0)
		die_errno("fsopen tmpfs (kernel 5.2 or later is needed)");
	char size[32], inodes[32], owner[32], group[32];
	snprintf(size, sizeof size, "%llu", (unsigned long long)cfg->lim.disk);
	snprintf(inodes, sizeof inodes, "%llu", (unsigned long long)cfg->lim.inodes + 1);
	snprintf(owner, sizeof owner, "%u", (unsigned)uid);
	snprintf(group, sizeof group, "%u", (unsigned)gid);
	config_fs(fs, "size", size);
	config_fs(fs, "nr_inodes", inodes);
	config_fs(fs, "mode", mode);
	config_fs(fs, "uid", owner);
	config_fs(fs, "gid", group);
	if (fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0)
		die_errno("create a workspace tmpfs");
	/* nosuid, nodev: a planted setuid binary or device node stays inert. */
	int mnt = fsmount(fs, FSMOUNT_CLOEXEC, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV);
	if (mnt < 0)
		die_errno("fsmount a workspace tmpfs");
	return mnt;
}

void workspace_create(const struct config *cfg, struct workspace *ws)
{
	ws->box = make_tmpfs(cfg, "0755", cfg->uid, cfg->gid);
	/* Rootless: uid 0 is not mapped in our user namespace; the box's own uid owns them. */
	uid_t owner = cfg->rootless ? cfg->uid : 0;
	gid_t group = cfg->rootless ? cfg->gid : 0;
	ws->tmp = make_tmpfs(cfg, "1777", owner, group);
	ws->shm = make_tmpfs(cfg, "1777", owner, group);
}

static void copy_bytes(int from, int to, off_t size, const char *what)
{
	off_t off = 0;
	while (off < size) {
		ssize_t n = sendfile(to, from, &off, (size_t)(size - off));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			die_errno("copy %s", what);
		}
		if (n == 0)
			break;
	}
}

/* Copy a trusted host tree (the service's staging dir) into the workspace, root-owned. */
static void copy_tree_in(int src_dir, int dst_dir, int depth, const char *path)
{
	if (depth > MAX_DEPTH)
		die("copy-in: %s is nested too deep", path);
	int dup_fd = dup(src_dir);
	if (dup_fd < 0)
		die_errno("dup");
	DIR *d = fdopendir(dup_fd);
	if (!d)
		die_errno("copy-in: open %s", path);
	struct dirent *e;
	while ((errno = 0, e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		struct stat st;
		if (fstatat(src_dir, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			die_errno("copy-in: stat %s/%s", path, e->d_name);
		if (S_ISDIR(st.st_mode)) {
			if (mkdirat(dst_dir, e->d_name, 0755) < 0)
				die_errno("copy-in: mkdir %s/%s", path, e->d_name);
			autoclose int s = openat(src_dir, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			autoclose int t = openat(dst_dir, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (s < 0 || t < 0)
				die_errno("copy-in: open %s/%s", path, e->d_name);
			char *sub = xasprintf("%s/%s", path, e->d_name);
			copy_tree_in(s, t, depth + 1, sub);
			free(sub);
		} else if (S_ISREG(st.st_mode)) {
			/* Read-only to the box: it may add files, not alter what it was given. */
			mode_t mode = (st.st_mode & 0111) ? 0755 : 0644;
			autoclose int s = openat(src_dir, e->d_name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
			autoclose int t = openat(dst_dir, e->d_name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
			if (s < 0 || t < 0)
				die_errno("copy-in: open %s/%s", path, e->d_name);
			copy_bytes(s, t, st.st_size, e->d_name);
			if (fchmod(t, mode) < 0)
				die_errno("copy-in: chmod %s", e->d_name);
		} else {
			die("copy-in: %s/%s is neither a file nor a directory", path, e->d_name);
		}
	}
	if (errno)
		die_errno("copy-in: read %s", path);
	if (closedir(d) < 0)
		die_errno("closedir");
}

void workspace_copy_in(int box_fd, const char *src)
{
	autoclose int s = open(src, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	autoclose int t = openat(box_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s < 0 || t < 0)
		die_errno("copy-in: open %s", src);
	copy_tree_in(s, t, 0, src);
}

/* Relative, plain names only: the client is trusted (root), but a slip must not write elsewhere. */
static bool plain_name(const char *name)
{
	if (!*name || name[0] == '/' || strlen(name) > 4000)
		return false;
	for (const char *p = name; *p; p = strchr(p, '/') ? strchr(p, '/') + 1 : p + strlen(p)) {
		size_t n = strcspn(p, "/");
		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
	}
	return true;
}

void workspace_write_files(int box_fd, const struct inline_file *files)
{
	for (const struct inline_file *f = files; f; f = f->next) {
		if (!plain_name(f->name))
			die("file name '%s' is not a plain relative path", f->name);
		/* Parent directories first, as copy-in makes them. */
		for (char *slash = strchr(f->name, '/'); slash; slash = strchr(slash + 1, '/')) {
			*slash = 0;
			if (mkdirat(box_fd, f->name, 0755) < 0 && errno != EEXIST)
				die_errno("mkdir %s in /box", f->name);
			*slash = '/';
		}
		autoclose int fd = openat(box_fd, f->name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (fd < 0 || !write_all(fd, f->data, f->len) || fchmod(fd, 0644) < 0)
			die_errno("write %s in /box", f->name);
	}
}

struct copy_out {
	uint64_t limit, used;
	bool over;
};

/*
 * Copy what the box left in box/ to the service's directory. The box is dead,
 * but its files are hostile: links are skipped (CVE-2024-28185 wrote through
 * one), only regular files and directories are copied, and the total is capped.
 */
static void copy_tree_out(int src_dir, int dst_dir, int depth, struct copy_out *c)
{
	if (depth > MAX_DEPTH) {
		c->over = true;
		return;
	}
	int dup_fd = dup(src_dir);
	if (dup_fd < 0)
		die_errno("dup");
	DIR *d = fdopendir(dup_fd);
	if (!d)
		die_errno("copy-out: opendir");
	struct dirent *e;
	while (!c->over && (errno = 0, e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		struct stat st;
		if (fstatat(src_dir, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			die_errno("copy-out: stat %s", e->d_name);
		if (S_ISDIR(st.st_mode)) {
			if (mkdirat(dst_dir, e->d_name, 0755) < 0)
				die_errno("copy-out: mkdir %s", e->d_name);
			autoclose int s = openat(src_dir, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			autoclose int t = openat(dst_dir, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (s < 0 || t < 0)
				die_errno("copy-out: open %s", e->d_name);
			copy_tree_out(s, t, depth + 1, c);
		} else if (S_ISREG(st.st_mode)) {
			if ((uint64_t)st.st_size > c->limit - c->used) {
				c->over = true;
				break;
			}
			c->used += (uint64_t)st.st_size;
			mode_t mode = (st.st_mode & 0100) ? 0755 : 0644;
			autoclose int s = openat(src_dir, e->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
			autoclose int t = openat(dst_dir, e->d_name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
			if (s < 0 || t < 0)
				die_errno("copy-out: open %s", e->d_name);
			copy_bytes(s, t, st.st_size, e->d_name);
		}
		/* Symlinks, FIFOs, sockets and device nodes are never artifacts. */
	}
	if (errno)
		die_errno("copy-out: readdir");
	if (closedir(d) < 0)
		die_errno("closedir");
}

bool workspace_copy_out(int box_fd, const char *dst, uint64_t limit)
{
	autoclose int s = openat(box_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	autoclose int t = open(dst, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s < 0 || t < 0)
		die_errno("copy-out: open %s", dst);
	struct copy_out c = { .limit = limit };
	copy_tree_out(s, t, 0, &c);
	return !c.over;
}
