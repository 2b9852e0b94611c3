/*
 * State directory hygiene. Templates (mnt-<key>, each a bind-mounted mount
 * namespace that pins the host mounts it saw) and compiled seccomp filters
 * (seccomp-<key>.bpf) are keyed by the launcher binary and the host files they
 * were built from, so every rebuild of the launcher or upgrade of /etc makes new
 * ones and the old ones stay forever: a mount and a namespace each, piling up
 * on a host that updates often. Each use marks its entry (mtime); a sweep
 * removes what no launcher has used for STALE_SECONDS.
 *
 * The sweep runs when the launcher daemon starts and after a new template or
 * filter is made (the moments old ones become obsolete). It is best-effort: a
 * failure to mark or remove an entry leaves a file behind and never fails a box.
 * The sockets of daemons whose service died without removing them go too.
 */
#include "sandbox.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define STALE_SECONDS 3600

void state_mark_used(const char *path)
{
	/* ENOENT: a concurrent sweep took it; the caller already holds what it needs. */
	if (utimensat(AT_FDCWD, path, NULL, AT_SYMLINK_NOFOLLOW) < 0 && errno != ENOENT)
		fprintf(stderr, "airlock-sandbox: mark %s as used: %s\n", path, strerror(errno));
}

static bool stale(const struct stat *st, time_t now)
{
	return S_ISREG(st->st_mode) && st->st_mtime + STALE_SECONDS < now;
}

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Whether the process whose pid starts `digits` (up to the next non-digit) no longer exists. */
static bool owner_gone(const char *digits)
{
	char *end;
	errno = 0;
	long pid = strtol(digits, &end, 10);
	if (errno || end == digits || pid <= 0 || pid > 4194304)
		return false;
	return kill((pid_t)pid, 0) < 0 && errno == ESRCH;
}

static void remove_file(int dir, const char *name)
{
	if (unlinkat(dir, name, 0) < 0 && errno != ENOENT)
		fprintf(stderr, "airlock-sandbox: sweep %s: %s\n", name, strerror(errno));
}

/* A template whose lock says it is unused: taken only when no launcher holds the lock (none builds it now). */
static void sweep_template(int dir, const char *state_dir, const char *lock_name, time_t now)
{
	autoclose int lock = openat(dir, lock_name, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	if (lock < 0 || flock(lock, LOCK_EX | LOCK_NB) < 0 || fstat(lock, &st) < 0 || !stale(&st, now))
		return;
	int n = (int)(strlen(lock_name) - strlen(".lock"));
	char *name = xasprintf("%.*s", n, lock_name);
	char *path = xasprintf("%s/%s", state_dir, name);
	/* Detached: a box that entered it keeps its copy; new launchers find it gone and build afresh. */
	if (umount2(path, MNT_DETACH | UMOUNT_NOFOLLOW) < 0 && errno != EINVAL && errno != ENOENT)
		fprintf(stderr, "airlock-sandbox: unmount %s: %s\n", path, strerror(errno));
	else {
		remove_file(dir, name);
		remove_file(dir, lock_name);
	}
	free(path);
	free(name);
}

void state_sweep(const char *state_dir)
{
	int fd = open(state_dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	if (!d) {
		close_fd(&fd);
		return;
	}
	int dir = dirfd(d); /* owned by d: closedir closes it */
	time_t now = time(NULL);
	struct dirent *e;
	while ((e = readdir(d))) {
		struct stat st;
		if (fstatat(dir, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		if (has_prefix(e->d_name, "mnt-") && has_suffix(e->d_name, ".lock"))
			sweep_template(dir, state_dir, e->d_name, now);
		/* Filters, and the temporaries of a writer that died between create and rename. */
		else if (has_prefix(e->d_name, "seccomp-") && stale(&st, now))
			remove_file(dir, e->d_name);
		/* The socket of a daemon whose service is gone (the service names it daemon-<its pid>.sock). */
		else if (has_prefix(e->d_name, "daemon-") && has_suffix(e->d_name, ".sock") && S_ISSOCK(st.st_mode) &&
			 owner_gone(e->d_name + strlen("daemon-")))
			remove_file(dir, e->d_name);
	}
	if (closedir(d) < 0)
		fprintf(stderr, "airlock-sandbox: close %s: %s\n", state_dir, strerror(errno));
}
