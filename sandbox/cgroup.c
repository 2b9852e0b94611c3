/*
 * The box's cgroup: limits that hold for the sum of all its processes, the
 * accounting we report, and the kill that leaves nothing behind. Works on the
 * unified hierarchy (v2) and on the legacy per-controller hierarchies (v1).
 */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <sys/syscall.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

enum { V1_MEMORY, V1_PIDS, V1_CPUACCT, V1_COUNT };
static const char *const v1_names[V1_COUNT] = { "memory", "pids", "cpuacct" };

#define EMPTY_TIMEOUT_US 5000000

static bool exists(const char *dir)
{
	struct stat st;
	return stat(dir, &st) == 0;
}

static char *knob(const char *dir, const char *file)
{
	static char path[PATH_MAX];
	int n = snprintf(path, sizeof path, "%s/%s", dir, file);
	if (n < 0 || (size_t)n >= sizeof path)
		die("cgroup path too long: %s/%s", dir, file);
	return path;
}

static void set_knob(const char *dir, const char *file, uint64_t value)
{
	char v[32];
	snprintf(v, sizeof v, "%llu", (unsigned long long)value);
	if (!write_file(knob(dir, file), v))
		die_errno("cannot set %s/%s to %s", dir, file, v);
}

/*
 * The accounting (CPU time, peak memory, OOM kills) decides verdicts, so a value we cannot
 * read is our failure (IE, with the file and the reason), never a zero: a CPU reading of 0
 * after a real one once made the supervisor see time run backwards and call it a TLE.
 */
static uint64_t number_in(const char *text, const char *dir, const char *file)
{
	if (*text < '0' || *text > '9')
		die("cannot read %s/%s: '%.24s' is not a number", dir, file, text);
	char *end;
	errno = 0;
	unsigned long long v = strtoull(text, &end, 10);
	if (errno || (*end && *end != '\n' && *end != ' '))
		die("cannot read %s/%s: '%.24s' is not a number", dir, file, text);
	return v;
}

/* Value of "key N" in a flat-keyed file such as cpu.stat or memory.events. */
static uint64_t keyed_value(const char *dir, const char *file, const char *key)
{
	char buf[4096];
	if (read_file(knob(dir, file), buf, sizeof buf) < 0)
		die_errno("cannot read %s/%s", dir, file);
	size_t klen = strlen(key);
	for (char *line = buf; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
		if (strncmp(line, key, klen) == 0 && line[klen] == ' ')
			return number_in(line + klen + 1, dir, file);
	die("cannot read %s/%s: no '%s' in it", dir, file, key);
}

static uint64_t single_value(const char *dir, const char *file)
{
	char buf[64];
	if (read_file(knob(dir, file), buf, sizeof buf) < 0)
		die_errno("cannot read %s/%s", dir, file);
	return number_in(buf, dir, file);
}

struct hierarchies {
	char *v2;
	char *v1[V1_COUNT];
};

/* The usual places, checked with statfs: cheap, unlike reading a long mountinfo per run. */
static bool scan_standard(struct hierarchies *h)
{
	struct statfs fs;
	if (statfs("/sys/fs/cgroup", &fs) == 0 && fs.f_type == CGROUP2_SUPER_MAGIC) {
		h->v2 = xstrdup("/sys/fs/cgroup");
		return true;
	}
	if (statfs("/sys/fs/cgroup/unified", &fs) == 0 && fs.f_type == CGROUP2_SUPER_MAGIC)
		h->v2 = xstrdup("/sys/fs/cgroup/unified");
	bool all = true;
	for (int i = 0; i < V1_COUNT; i++) {
		char *p = xasprintf("/sys/fs/cgroup/%s", v1_names[i]);
		if (statfs(p, &fs) == 0 && fs.f_type == CGROUP_SUPER_MAGIC)
			h->v1[i] = p;
		else
			free(p), all = false;
	}
	return all || h->v2;
}

/* Elsewhere: one pass over mountinfo for the cgroup2 mount and each v1 controller's mount. */
static void scan_mounts(struct hierarchies *h)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		die_errno("cannot read /proc/self/mountinfo");
	char line[4096];
	while (fgets(line, sizeof line, f)) {
		char mnt[PATH_MAX], *sep = strstr(line, " - ");
		char type[64], opts[1024];
		if (!sep || sscanf(line, "%*s %*s %*s %*s %4095s", mnt) != 1 ||
		    sscanf(sep + 3, "%63s %*s %1023s", type, opts) != 2)
			continue;
		if (strcmp(type, "cgroup2") == 0 && !h->v2)
			h->v2 = xstrdup(mnt);
		if (strcmp(type, "cgroup") != 0)
			continue;
		for (char *tok = strtok(opts, ","); tok; tok = strtok(NULL, ","))
			for (int i = 0; i < V1_COUNT; i++)
				if (strcmp(tok, v1_names[i]) == 0 && !h->v1[i])
					h->v1[i] = xstrdup(mnt);
	}
	if (fclose(f) != 0)
		die_errno("cannot close /proc/self/mountinfo");
}

static bool has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; (p = strstr(p, word)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == 0 || p[n] == ' ' || p[n] == '\n'))
			return true;
	return false;
}

static void mkdir_ok(const char *dir)
{
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		die_errno(errno == EACCES ? "cannot create cgroup %s (rootless: root must delegate its parent to this user once, see setup.sh --rootless-user)"
				     : "cannot create cgroup %s", dir);
}

/* v2: let the children of dir use memory, pids and (when present) cpu. */
static void v2_enable_controllers(const char *dir)
{
	char have[512], on[512];
	if (read_file(knob(dir, "cgroup.controllers"), have, sizeof have) < 0)
		die_errno("cannot read %s/cgroup.controllers", dir);
	if (read_file(knob(dir, "cgroup.subtree_control"), on, sizeof on) < 0)
		die_errno("cannot read %s/cgroup.subtree_control", dir);
	static const char *const wanted[] = { "memory", "pids", "cpu" };
	for (size_t i = 0; i < 3; i++) {
		if (has_word(on, wanted[i]))
			continue;
		if (!has_word(have, wanted[i])) {
			if (i < 2)
				die("cgroup %s lacks the %s controller (run `airlock doctor`)", dir, wanted[i]);
			continue;
		}
		char *cmd = xasprintf("+%s", wanted[i]);
		if (!write_file(knob(dir, "cgroup.subtree_control"), cmd))
			die_errno("cannot enable %s in %s", wanted[i], dir);
		free(cmd);
	}
}

static bool v2_usable(const char *mnt, const char *root)
{
	char have[512];
	const char *probe = root ? root : mnt;
	char *parent = NULL;
	if (root && read_file(knob(root, "cgroup.controllers"), have, sizeof have) < 0) {
		parent = xstrdup(root);
		char *slash = strrchr(parent, '/');
		if (slash && slash != parent)
			*slash = 0;
		probe = parent;
	}
	bool ok = read_file(knob(probe, "cgroup.controllers"), have, sizeof have) >= 0 &&
		  has_word(have, "memory") && has_word(have, "pids");
	free(parent);
	return ok;
}

static bool is_empty(const struct cgroup *cg)
{
	char buf[256];
	if (cg->v2)
		return read_file(knob(cg->dir, "cgroup.events"), buf, sizeof buf) < 0 ||
		       !strstr(buf, "populated 1");
	return read_file(knob(cg->v1_dirs[V1_PIDS], "cgroup.procs"), buf, sizeof buf) <= 0;
}

/* SIGKILL every pid listed in dir/cgroup.procs; returns how many were signalled. */
static int kill_listed(const char *dir)
{
	FILE *f = fopen(knob(dir, "cgroup.procs"), "re");
	if (!f)
		return errno == ENOENT ? 0 : (die_errno("cannot list %s", dir), 0);
	int n = 0;
	long pid;
	while (fscanf(f, "%ld", &pid) == 1) {
		if (kill((pid_t)pid, SIGKILL) < 0 && errno != ESRCH)
			die_errno("cannot kill %ld", pid);
		n++;
	}
	if (fclose(f) != 0)
		die_errno("cannot close %s/cgroup.procs", dir);
	return n;
}

void cgroup_kill_all(const struct cgroup *cg)
{
	if (!cg->created)
		return;
	const char *procs_dir = cg->v2 ? cg->dir : cg->v1_dirs[V1_PIDS];
	/* cgroup.kill (v2, 5.14+) kills atomically, even a fork bomb mid-fork. Elsewhere we
	 * signal each listed process; none can fork meanwhile, because the box's pid 1 is
	 * already dead and a pid namespace without its init admits no new process. */
	bool atomic = cg->v2 && write_file(knob(cg->dir, "cgroup.kill"), "1");
	if (cg->v2 && !atomic && errno != ENOENT)
		die_errno("cannot write %s/cgroup.kill", cg->dir);
	uint64_t deadline = now_us() + EMPTY_TIMEOUT_US;
	while (!is_empty(cg)) {
		if (now_us() > deadline)
			die("box processes survived SIGKILL for 5 s");
		if (!atomic)
			kill_listed(procs_dir);
		struct timespec ts = { 0, 100000 };
		(void)nanosleep(&ts, NULL); /* EINTR only shortens the wait */
	}
}

static void remove_dir(const char *dir)
{
	uint64_t deadline = now_us() + EMPTY_TIMEOUT_US;
	while (rmdir(dir) < 0) {
		if (errno == ENOENT)
			return;
		if (errno != EBUSY || now_us() > deadline)
			die_errno("cannot remove cgroup %s", dir);
		struct timespec ts = { 0, 200000 };
		(void)nanosleep(&ts, NULL);
	}
}

/*
 * v1 keeps a slot's pids and cpuacct cgroups from box to box and makes only its memory cgroup
 * fresh. A kept one carries nothing a box could use or that a figure depends on: it is empty
 * between boxes (everything in it is killed before the slot is freed), pids.max is written for
 * every box, and the CPU reported is the counter's growth from the program's exec. A memory
 * cgroup is not empty after a box (the kernel memory it was charged stays), so it is made anew
 * (docs/performance.md). Keeping the two saves their mkdir and rmdir: about 0.1 ms of CPU a box.
 */
static bool kept(int i)
{
	return i != V1_MEMORY;
}

/* Kill what is left; remove the box cgroup (v1: the memory one; `all`: the kept ones too). */
static void destroy(struct cgroup *cg, bool all)
{
	if (!cg->created)
		return;
	cgroup_kill_all(cg);
	if (cg->v2)
		remove_dir(cg->dir);
	else
		for (int i = 0; i < V1_COUNT; i++)
			if (cg->v1_dirs[i] && (all || !kept(i)))
				remove_dir(cg->v1_dirs[i]);
	cg->created = false;
}

void cgroup_destroy(struct cgroup *cg)
{
	destroy(cg, false);
}

/* Fill cg's paths for this slot without touching anything. */
void cgroup_locate(struct cgroup *cg, const struct config *cfg)
{
	if (cg->located)
		return;
	cg->located = true;
	struct hierarchies h = { 0 };
	if (!scan_standard(&h))
		scan_mounts(&h);
	const char *root2 = cfg->cgroup_root && cfg->cgroup_root[0] == '/' ? cfg->cgroup_root : NULL;
	if (cfg->cgroup_mode == CG_V2 && !h.v2)
		die("--cgroup v2: no cgroup2 hierarchy is mounted");
	cg->v2 = h.v2 && cfg->cgroup_mode != CG_V1 && (cfg->cgroup_mode == CG_V2 || v2_usable(h.v2, root2));
	if (cg->v2) {
		if (cfg->rootless && !root2)
			die("rootless mode on cgroup v2 needs --cgroup-root: a subtree delegated to this user (see deploy/systemd)");
		char *root = root2 ? xstrdup(root2) : xasprintf("%s/airlock", h.v2);
		cg->dir = xasprintf("%s/slot-%u", root, cfg->slot);
		free(root);
	} else {
		/* Rootless users each get their own parent, delegated to them once by root. */
		char *name = cfg->cgroup_root && !root2 ? xstrdup(cfg->cgroup_root)
			     : cfg->rootless ? xasprintf("airlock-%u", (unsigned)cfg->host_uid) : xstrdup("airlock");
		for (int i = 0; i < V1_COUNT; i++) {
			if (!h.v1[i])
				die("no cgroup v1 %s hierarchy and no usable v2 (run `airlock doctor`)", v1_names[i]);
			cg->v1_dirs[i] = xasprintf("%s/%s/slot-%u", h.v1[i], name, cfg->slot);
		}
		free(name);
	}
	for (int i = 0; i < V1_COUNT; i++)
		free(h.v1[i]);
	free(h.v2);
}


static char *parent_of(const char *dir)
{
	char *p = xstrdup(dir);
	*strrchr(p, '/') = 0;
	return p;
}

void cgroup_cleanup_slot(const struct config *cfg)
{
	struct cgroup cg = { 0 };
	cgroup_locate(&cg, cfg);
	cg.created = cg.v2 ? exists(cg.dir) : exists(cg.v1_dirs[V1_PIDS]) || exists(cg.v1_dirs[V1_MEMORY]);
	destroy(&cg, true);
}

/* The box's init (pid 1, ours) lives in the cgroup too: --processes counts the program's
 * processes and threads only, so that 1 means the program alone. */
static uint64_t box_pids(const struct limits *lim)
{
	/* pids.max refuses more than the kernel's PID_MAX_LIMIT, more than any box can have anyway. */
	const uint64_t pid_max_limit = 1ULL << 22;
	return lim->processes < pid_max_limit ? lim->processes + 1 : pid_max_limit;
}

void cgroup_prepare(struct cgroup *cg, const struct config *cfg)
{
	cgroup_locate(cg, cfg);
	/* A launcher killed mid-run left its cgroup: whatever is in it dies now. (v1: the kept pids
	 * cgroup is there after every box; something is left when it is not empty, or when the
	 * memory cgroup, removed at every teardown, is still there.) */
	cg->created = cg->v2 ? exists(cg->dir) : exists(cg->v1_dirs[V1_MEMORY]) || !is_empty(cg);
	cgroup_destroy(cg);

	const struct limits *lim = &cfg->lim;
	if (cg->v2) {
		char *root = parent_of(cg->dir);
		if (!exists(root)) {
			char *up = parent_of(root);
			v2_enable_controllers(up);
			free(up);
			mkdir_ok(root);
		}
		v2_enable_controllers(root);
		free(root);
		mkdir_ok(cg->dir);
		cg->created = true;
		set_knob(cg->dir, "memory.max", lim->memory);
		/* Swap would let a memory bomb outgrow the limit and thrash the host. */
		if (exists(knob(cg->dir, "memory.swap.max")))
			set_knob(cg->dir, "memory.swap.max", 0);
		/* One OOM kill takes the whole box: no half-dead process trees. */
		set_knob(cg->dir, "memory.oom.group", 1);
		set_knob(cg->dir, "pids.max", box_pids(lim));
		return;
	}
	for (int i = 0; i < V1_COUNT; i++) {
		if (!cg->v1_dirs[i])
			continue;
		char *root = parent_of(cg->v1_dirs[i]);
		mkdir_ok(root);
		free(root);
		mkdir_ok(cg->v1_dirs[i]);
	}
	cg->created = true;
	const char *mem = cg->v1_dirs[V1_MEMORY];
	set_knob(mem, "memory.limit_in_bytes", lim->memory);
	if (exists(knob(mem, "memory.memsw.limit_in_bytes")))
		set_knob(mem, "memory.memsw.limit_in_bytes", lim->memory);
	set_knob(cg->v1_dirs[V1_PIDS], "pids.max", box_pids(lim));
	/* Kept from the last box: start from zero, so a box that never reaches its exec reports
	 * nothing of the earlier boxes' CPU (the program's own is counted from its exec). */
	set_knob(cg->v1_dirs[V1_CPUACCT], "cpuacct.usage", 0);
}

void cgroup_attach(const struct cgroup *cg, pid_t pid)
{
	char v[32];
	snprintf(v, sizeof v, "%d", (int)pid);
	if (!write_file(knob(cg->dir, "cgroup.procs"), v))
		die_errno("cannot move the box into %s", cg->dir);
}

/*
 * v1: a process moved in by another (its pid written into cgroup.procs) makes the kernel take
 * its global threadgroup lock for writing, which waits for an RCU grace period whenever no move
 * happened in the last few milliseconds: 4-25 ms here for a box started after a pause (a
 * compile, the first run of a request). A thread that moves itself ("0" into `tasks`) is
 * spared that lock. So init moves itself, through the `tasks` files opened here and sent over
 * the socket; it does so before its program starts (cgroup_join), and dies if it cannot.
 */
void cgroup_hand_over(const struct cgroup *cg, int sock)
{
	int fds[V1_COUNT];
	size_t n = 0;
	for (int i = 0; i < V1_COUNT; i++) {
		if (!cg->v1_dirs[i])
			continue;
		fds[n] = open(knob(cg->v1_dirs[i], "tasks"), O_WRONLY | O_CLOEXEC);
		if (fds[n] < 0)
			die_errno("open %s/tasks", cg->v1_dirs[i]);
		n++;
	}
	/* EPIPE: init died during its setup; the supervisor reports why. */
	if (!send_fds(sock, fds, n, FD_TAG_CGROUP) && errno != EPIPE && errno != ECONNRESET)
		die_errno("hand the box cgroup to init");
	for (size_t i = 0; i < n; i++)
		close_fd(&fds[i]);
}

void cgroup_join(int sock)
{
	int fds[FDS_MAX];
	char tag = 0;
	ssize_t n = recv_fds(sock, fds, FDS_MAX, &tag, 0);
	if (n < 0 && errno == 0)
		_exit(0); /* the launcher died before handing it over */
	if (n < 0)
		die_errno("receive the box cgroup");
	if (tag != FD_TAG_CGROUP || n == 0)
		die("expected the box cgroup from the launcher, got '%c' with %zd fds", tag, n);
	for (ssize_t i = 0; i < n; i++) {
		if (!write_all(fds[i], "0", 1))
			die_errno("move into the box cgroup");
		close_fd(&fds[i]);
	}
}

uint64_t cgroup_cpu_us(const struct cgroup *cg)
{
	if (cg->v2)
		return keyed_value(cg->dir, "cpu.stat", "usage_usec");
	return single_value(cg->v1_dirs[V1_CPUACCT], "cpuacct.usage") / 1000;
}

uint64_t cgroup_memory_peak(const struct cgroup *cg)
{
	if (!cg->v2)
		return single_value(cg->v1_dirs[V1_MEMORY], "memory.max_usage_in_bytes");
	/* memory.peak is new in 5.19; before it, the current usage is the best we have. */
	return exists(knob(cg->dir, "memory.peak")) ? single_value(cg->dir, "memory.peak")
						      : single_value(cg->dir, "memory.current");
}

uint64_t cgroup_oom_kills(const struct cgroup *cg)
{
	if (cg->v2)
		return keyed_value(cg->dir, "memory.events", "oom_kill");
	return keyed_value(cg->v1_dirs[V1_MEMORY], "memory.oom_control", "oom_kill");
}

pid_t clone_into_cgroup(const struct cgroup *cg, int *pidfd)
{
	autoclose int dir = open(cg->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0)
		die_errno("open %s", cg->dir);
	struct clone_args args = {
		.flags = CLONE_INTO_CGROUP | CLONE_PIDFD,
		.pidfd = (uint64_t)(uintptr_t)pidfd,
		.exit_signal = SIGCHLD,
		.cgroup = (uint64_t)dir,
	};
	/* Like fork (no new stack): the child returns here with 0. It never uses glibc's cached
	 * thread id (raise, pthread_kill), which a raw clone does not update. */
	long pid = syscall(SYS_clone3, &args, sizeof args);
	if (pid < 0) {
		if (errno == ENOSYS || errno == E2BIG || errno == EINVAL)
			return -1; /* before 5.7: fork, then move */
		die_errno("clone3 into %s", cg->dir);
	}
	return (pid_t)pid;
}
