/*
 * Network namespaces, pooled per slot. Creating one costs about half a
 * millisecond, so each slot keeps its last box's namespace: empty (only a
 * loopback that is down), and configurable only with CAP_NET_ADMIN, which no
 * box has. The one thing a run can leave behind in it is a unix socket
 * (abstract names live per namespace), so init joins a pooled namespace only
 * when it holds no unix socket at all, and makes a fresh one otherwise. The
 * slot lock and the empty cgroup guarantee no process of the previous run
 * is alive when the next one checks.
 */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

static char *pool_path(const struct config *cfg)
{
	return xasprintf("%s/netns-slot-%u", cfg->state_dir, cfg->slot);
}

int netns_pool_open(const struct config *cfg)
{
	if (cfg->rootless)
		return -1; /* a pool outlives its launcher as a bind mount on the host */
	char *path = pool_path(cfg);
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	free(path);
	struct statfs fs;
	if (fd >= 0 && (fstatfs(fd, &fs) < 0 || fs.f_type != NSFS_MAGIC))
		close_fd(&fd); /* the mount point without a namespace on it */
	return fd;
}

/* True when the current network namespace has no unix socket. */
static bool no_unix_sockets(void)
{
	char buf[512];
	ssize_t n = read_file("/proc/self/net/unix", buf, sizeof buf);
	if (n < 0)
		die_errno("read /proc/self/net/unix");
	char *nl = strchr(buf, '\n');
	return nl && nl[1] == 0; /* the header line and nothing else */
}

bool netns_enter_pooled(int fd)
{
	if (fd < 0)
		return false;
	if (setns(fd, CLONE_NEWNET) < 0)
		die_errno("join the pooled network namespace");
	return no_unix_sockets();
}

void netns_pool_keep(const struct config *cfg, int netns_fd)
{
	char *path = pool_path(cfg);
	if (umount2(path, MNT_DETACH) < 0 && errno != EINVAL && errno != ENOENT)
		die_errno("unmount the old pooled namespace %s", path);
	int fd = open(path, O_RDONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 || close(fd) < 0)
		die_errno("create %s", path);
	char *src = xasprintf("/proc/self/fd/%d", netns_fd);
	if (mount(src, path, NULL, MS_BIND, NULL) < 0)
		die_errno("pool the network namespace at %s", path);
	free(src);
	free(path);
}

void netns_pool_drop(const struct config *cfg)
{
	char *path = pool_path(cfg);
	if (umount2(path, MNT_DETACH) < 0 && errno != EINVAL && errno != ENOENT)
		die_errno("unmount the pooled namespace %s", path);
	if (unlink(path) < 0 && errno != ENOENT)
		die_errno("remove %s", path);
	free(path);
}
