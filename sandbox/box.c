/*
 * Inside the box. The cloned child is the box's pid 1 ("init"): it builds the
 * filesystem, forks the program as pid 2, reports pid 2's wait status and
 * exits, which makes the kernel kill whatever else is left in the box. The
 * program child drops everything step by step and execs the command.
 */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define BOX_PATH "/usr/local/bin:/usr/bin:/bin"

/* Empty the effective, permitted and inheritable sets. */
static void drop_capabilities(void)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2] = { { 0 } };
	if (syscall(SYS_capset, &hdr, data) < 0)
		die("capset");
}

/* Empty the bounding and ambient sets: nothing exec'd later can regain a capability. */
static void drop_bounding_set(void)
{
	for (int cap = 0;; cap++) {
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0) {
			if (errno == EINVAL)
				break; /* past the last capability this kernel knows */
			die("drop capability %d from the bounding set", cap);
		}
	}
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0)
		die("clear ambient capabilities");
}

static void set_limit(int resource, const char *name, rlim_t soft, rlim_t hard)
{
	struct rlimit rl = { .rlim_cur = soft, .rlim_max = hard };
	if (setrlimit(resource, &rl) < 0)
		die("setrlimit %s", name);
}

static void step_session(void)
{
	/* No controlling terminal: TIOCSTI-style tricks have no tty to aim at. */
	if (setsid() < 0)
		die("setsid");
}

static void step_stdio(const struct box_fds *fds)
{
	for (int i = 0; i < 3; i++)
		if (dup2(fds->stdio[i], i) < 0)
			die("dup2 stdio %d", i);
}

static void step_rlimits(const struct config *cfg)
{
	const struct limits *l = &cfg->lim;
	/* Backstop to the cgroup CPU timer, per process: SIGXCPU a second after the limit, then SIGKILL. */
	rlim_t cpu_s = (rlim_t)((l->cpu_us + 999999) / 1000000) + 1;
	set_limit(RLIMIT_CPU, "CPU", cpu_s, cpu_s + 1);
	set_limit(RLIMIT_FSIZE, "FSIZE", l->file_size, l->file_size);
	set_limit(RLIMIT_NOFILE, "NOFILE", l->open_files, l->open_files);
	set_limit(RLIMIT_STACK, "STACK", l->stack, l->stack);
	/* Backstop to pids.max; the uid is unique to this slot, so the count is the box's. */
	set_limit(RLIMIT_NPROC, "NPROC", l->processes, l->processes);
	set_limit(RLIMIT_CORE, "CORE", 0, 0);         /* core dumps would fill the disk */
	set_limit(RLIMIT_MEMLOCK, "MEMLOCK", 0, 0);   /* locked memory evades reclaim */
	set_limit(RLIMIT_LOCKS, "LOCKS", 0, 0);       /* as the seed sets it */
	set_limit(RLIMIT_MSGQUEUE, "MSGQUEUE", 0, 0); /* POSIX queues are kernel memory */
	set_limit(RLIMIT_RTPRIO, "RTPRIO", 0, 0);     /* real-time priority starves the host */
	set_limit(RLIMIT_NICE, "NICE", 0, 0);
}

static void step_credentials(const struct config *cfg)
{
	drop_bounding_set();
	if (setgroups(0, NULL) < 0 || setresgid(cfg->gid, cfg->gid, cfg->gid) < 0 ||
	    setresuid(cfg->uid, cfg->uid, cfg->uid) < 0)
		die("switch to uid %u gid %u", (unsigned)cfg->uid, (unsigned)cfg->gid);
	/* Leaving uid 0 clears the capability sets; check rather than trust. */
	if (setresuid(0, 0, 0) == 0)
		die("regained root after dropping it");
}

static void step_no_new_privs(void)
{
	/* setuid binaries and file capabilities grant nothing from here on. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		die("no_new_privs");
}

static void step_close_fds(void)
{
	/* Only fds 0-2 survive execve; the error pipe closing on exec tells the launcher it worked. */
	if (syscall(SYS_close_range, 3U, ~0U, 4U /* CLOSE_RANGE_CLOEXEC */) < 0)
		die("close_range");
}

void send_fd(int sock, int fd, char tag)
{
	char byte = tag;
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	memset(&u, 0, sizeof u);
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof u.buf };
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	if (sendmsg(sock, &msg, 0) < 0)
		die("send fd '%c' to the launcher", tag);
}

/* argv[0] without a slash is looked up in the box's PATH, before seccomp narrows things. */
static const char *resolve_command(const char *cmd)
{
	if (strchr(cmd, '/'))
		return cmd;
	static char path[4096];
	const char *dirs = BOX_PATH;
	while (*dirs) {
		size_t n = strcspn(dirs, ":");
		snprintf(path, sizeof path, "%.*s/%s", (int)n, dirs, cmd);
		if (access(path, X_OK) == 0)
			return path;
		dirs += n + (dirs[n] == ':');
	}
	errno = ENOENT;
	die("command not found in the box: %s", cmd);
}

static char **box_environment(const struct config *cfg)
{
	static const char *const defaults[] = {
		"PATH=" BOX_PATH, "HOME=/box", "TMPDIR=/tmp", "LANG=C.UTF-8", "LC_ALL=C.UTF-8",
	};
	char **env = xmalloc(sizeof(char *) * (MAX_ENV + 8));
	int n = 0;
	for (size_t d = 0; d < sizeof defaults / sizeof *defaults; d++) {
		size_t klen = strcspn(defaults[d], "=") + 1;
		bool overridden = false;
		for (int i = 0; i < cfg->nenv; i++)
			overridden |= strncmp(cfg->env[i], defaults[d], klen) == 0;
		if (!overridden)
			env[n++] = (char *)defaults[d];
	}
	for (int i = 0; i < cfg->nenv; i++)
		env[n++] = cfg->env[i];
	env[n] = NULL;
	return env;
}

struct spawn {
	const struct config *cfg;
	const struct box_fds *fds;
	const char *cmd;
	char **env;
};

/*
 * The program child. It shares init's memory (vfork-style, no page tables to
 * copy) while init waits, so it only makes system calls: no allocation, no
 * stdio, nothing init will see.
 */
static int run_program(void *arg)
{
	const struct spawn *sp = arg;
	current_role = ROLE_PROGRAM;
	step_session();
	step_stdio(sp->fds);
	if (chdir(sp->cfg->cwd) < 0)
		die("chdir %s", sp->cfg->cwd);
	step_rlimits(sp->cfg);
	step_credentials(sp->cfg);
	step_no_new_privs();
	step_close_fds();
	if (sigprocmask(SIG_SETMASK, &sp->fds->saved_mask, NULL) < 0)
		die("restore the signal mask");
	int listener = seccomp_install(&sp->fds->filters);
	send_fd(sp->fds->notify_wr, listener, FD_TAG_LISTENER);
	execve(sp->cmd, sp->cfg->argv, sp->env);
	die("execve %s", sp->cmd);
}

static void die_with_parent(void)
{
	/* If the launcher is killed, the box goes with it (and the kernel reaps the rest). */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0)
		die("set the parent-death signal");
}

static void wait_for_go(struct box_fds *fds)
{
	char go;
	ssize_t n;
	while ((n = read(fds->sync_rd, &go, 1)) < 0 && errno == EINTR)
		;
	if (n != 1)
		_exit(0); /* the launcher died before we started, or told us not to */
	close_fd(&fds->sync_rd);
}

_Noreturn static void reap_until_program_exits(pid_t program, int status_wr)
{
	for (;;) {
		int st;
		pid_t pid = waitpid(-1, &st, 0);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			die("waitpid in init");
		}
		if (pid == program) {
			if (!write_all(status_wr, &st, sizeof st))
				_exit(3);
			_exit(0);
		}
	}
}

void box_init(const struct config *cfg, struct box_fds *fds)
{
	current_role = ROLE_INIT;
	child_error_fd = fds->error_wr;
	die_with_parent();
	timing("init: started");
	/* We are pid 1 of a new pid namespace already (the launcher unshared it before
	 * forking). Network, IPC and hostname start empty; the mount namespace is a
	 * copy of the template with this run's mounts (mounts_enter_box). Meanwhile
	 * the launcher prepares the box cgroup. */
	int ns = CLONE_NEWIPC | CLONE_NEWUTS;
	if (!cfg->network && !netns_enter_pooled(fds->netns_fd))
		ns |= CLONE_NEWNET;
	close_fd(&fds->netns_fd);
	timing("init: netns");
	if (unshare(ns) < 0)
		die("unshare the box namespaces");
	if (ns & CLONE_NEWNET) {
		/* A fresh network namespace: hand it to the launcher to pool for this slot. */
		int net = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
		if (net < 0)
			die("open /proc/self/ns/net");
		send_fd(fds->notify_wr, net, FD_TAG_NETNS);
		close_fd(&net);
	}
	timing("init: namespaces");
	mounts_enter_box(&fds->mounts);
	timing("init: mounts");
	if (sethostname(cfg->hostname, strlen(cfg->hostname)) < 0)
		die("sethostname");
	struct spawn sp = { cfg, fds, resolve_command(cfg->argv[0]), box_environment(cfg) };
	enum { STACK = 128 * 1024 };
	char *stack = xmalloc(STACK);
	wait_for_go(fds);
	timing("init: wait for cgroup");
	/* The launcher has moved us into the box cgroup: root the cgroup namespace there. */
	if (unshare(CLONE_NEWCGROUP) < 0)
		die("unshare the cgroup namespace");
	pid_t program = clone(run_program, stack + STACK, CLONE_VM | CLONE_VFORK | SIGCHLD, &sp);
	if (program < 0)
		die("start the program");
	current_role = ROLE_INIT; /* the child wrote ROLE_PROGRAM into our shared memory */
	timing("init: program exec'd");
	/* init keeps only the status pipe: the program's fds and errors are its own now. */
	if (syscall(SYS_close_range, 0U, (unsigned)fds->status_wr - 1, 0U) < 0 ||
	    syscall(SYS_close_range, (unsigned)fds->status_wr + 1, ~0U, 0U) < 0)
		_exit(4);
	drop_bounding_set();
	drop_capabilities();
	reap_until_program_exits(program, fds->status_wr);
}
