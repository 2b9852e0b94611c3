/*
 * Compiling two filters with libseccomp costs a few hundred microseconds, a
 * third of a box's budget. The compiled BPF is cached in the root-only state
 * directory, keyed by everything that shapes it: this launcher binary, the
 * network and record options, and the allow-list's text.
 */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAGIC 0x43534c41u /* "ALSC" */
#define MAX_ALLOW_LIST (1 << 20)

struct header {
	uint32_t magic, floor_len, named_len, pad;
};

static char *cache_path(const struct config *cfg)
{
	uint64_t options[] = { cfg->network, cfg->seccomp_record };
	uint64_t h = fnv1a(launcher_identity(), options, sizeof options);
	if (cfg->seccomp_allow) {
		char *text = xmalloc(MAX_ALLOW_LIST);
		ssize_t n = read_file(cfg->seccomp_allow, text, MAX_ALLOW_LIST);
		if (n < 0)
			die("read seccomp allow-list %s", cfg->seccomp_allow);
		if (n >= MAX_ALLOW_LIST - 1)
			die("seccomp allow-list %s is larger than 1 MiB", cfg->seccomp_allow);
		h = fnv1a(h, "allow", 5);
		h = fnv1a(h, text, (size_t)n);
		free(text);
	}
	return xasprintf("%s/seccomp-%016llx.bpf", cfg->state_dir, (unsigned long long)h);
}

bool seccomp_cache_load(const struct config *cfg, struct filters *f)
{
	char *path = cache_path(cfg);
	autoclose int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	free(path);
	if (fd < 0)
		return false;
	/* The mtime is the filter's last use: state_sweep removes filters unused for an hour. */
	if (futimens(fd, NULL) < 0)
		fprintf(stderr, "airlock-sandbox: mark the seccomp cache as used: %s\n", strerror(errno));
	struct stat st;
	struct header h;
	/* Only a file we wrote may decide what the box can call. */
	if (fstat(fd, &st) < 0 || st.st_uid != geteuid() || (st.st_mode & 022) || !S_ISREG(st.st_mode) ||
	    !read_exact(fd, &h, sizeof h) || h.magic != MAGIC || !h.named_len ||
	    h.floor_len > 4096 || h.named_len > 4096)
		return false;
	f->floor = (struct sock_fprog){ .len = (unsigned short)h.floor_len,
					.filter = xmalloc(h.floor_len * sizeof(struct sock_filter)) };
	f->named = (struct sock_fprog){ .len = (unsigned short)h.named_len,
					.filter = xmalloc(h.named_len * sizeof(struct sock_filter)) };
	return (!h.floor_len || read_exact(fd, f->floor.filter, h.floor_len * sizeof(struct sock_filter))) &&
	       read_exact(fd, f->named.filter, h.named_len * sizeof(struct sock_filter));
}

void seccomp_cache_store(const struct config *cfg, const struct filters *f)
{
	char *path = cache_path(cfg);
	char *tmp = xasprintf("%s.%d", path, (int)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		die("create %s", tmp);
	struct header h = { MAGIC, f->floor.len, f->named.len, 0 };
	bool ok = write_all(fd, &h, sizeof h) &&
		  (!f->floor.len || write_all(fd, f->floor.filter, f->floor.len * sizeof(struct sock_filter))) &&
		  write_all(fd, f->named.filter, f->named.len * sizeof(struct sock_filter));
	if (close(fd) < 0 || !ok)
		die("write %s", tmp);
	/* rename is atomic: a concurrent reader sees the old file, none, or the whole new one. */
	if (rename(tmp, path) < 0)
		die_errno("rename %s", tmp);
	free(tmp);
	/* A new filter: the one it replaces (an older launcher's, an older allow-list) may now be unused. */
	state_sweep(cfg->state_dir);
	free(path);
}
