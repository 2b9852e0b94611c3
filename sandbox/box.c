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
		die_errno("capset");
}

/* Set once this process emptied its own sets (root mode: the launcher or the daemon); the boxes
 * it forks inherit both the empty sets and the flag. */
static bool bounding_set_dropped;

/* Empty the bounding and ambient sets: nothing exec'd later can regain a capability. In root
 * mode the launcher does it once for itself (the daemon once at start, ~41 prctl calls), and
 * every box it forks inherits the empty sets; rootless, each box's fresh user namespace
 * starts with a full bounding set, so the program drops it again. */
static void drop_bounding_set(void)
{
	for (int cap = 0;; cap++) {
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0) {
			if (errno == EINVAL)
				break; /* past the last capability this kernel knows */
			die_errno("drop capability %d from the bounding set", cap);
		}
	}
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0)
		die_errno("clear ambient capabilities");
}

void drop_bounding_set_once(void)
{
	if (bounding_set_dropped)
		return;
	drop_bounding_set();
	bounding_set_dropped = true;
}

static void set_limit(int resource, const char *name, rlim_t soft, rlim_t hard)
{
	struct rlimit rl = { .rlim_cur = soft, .rlim_max = hard }, had;
	if (setrlimit(resource, &rl) == 0)
		return;
	int err = errno;
	/* Raising a hard limit above ours needs CAP_SYS_RESOURCE, which a container may withhold. */
	if (err == EPERM && getrlimit(resource, &had) == 0 && had.rlim_max < hard)
		die("setrlimit %s to %llu: the launcher's own hard limit is %llu and it may not raise it "
		    "(no CAP_SYS_RESOURCE): ask for less, or raise the service's limit", name,
		    (unsigned long long)hard, (unsigned long long)had.rlim_max);
	errno = err;
	die_errno("setrlimit %s", name);
}

/* RLIMIT_NPROC only backs up pids.max, which holds the real limit: where ours is lower than the
 * box's and may not be raised, the box gets ours rather than failing. */
static void set_nproc(rlim_t want)
{
	struct rlimit had;
	if (getrlimit(RLIMIT_NPROC, &had) < 0)
		die_errno("getrlimit NPROC");
	struct rlimit rl = { .rlim_cur = want, .rlim_max = want };
	if (setrlimit(RLIMIT_NPROC, &rl) == 0)
		return;
	if (errno != EPERM || had.rlim_max >= want)
		die_errno("setrlimit NPROC");
	set_limit(RLIMIT_NPROC, "NPROC", had.rlim_max, had.rlim_max);
}

static void step_session(void)
{
	/* No controlling terminal: TIOCSTI-style tricks have no tty to aim at. With --tty the
	 * session's terminal is the box's own pty (step_stdio), and seccomp still refuses them. */
	if (setsid() < 0)
		die_errno("setsid");
}

static void step_stdio(const struct config *cfg, const struct box_fds *fds)
{
	for (int i = 0; i < 3; i++)
		if (dup2(fds->stdio[i], i) < 0)
			die_errno("dup2 stdio %d", i);
	if (cfg->tty)
		tty_take();
}

/* --tty, in init: a pty of the box's own; the master goes up to the supervisor, the slave becomes
 * the program's stdio (init lets go of both when the program starts). */
static void step_tty(const struct config *cfg, struct box_fds *fds)
{
	int slave;
	int master = tty_open(cfg, &slave);
	send_fd(fds->notify_wr, master, FD_TAG_TTY);
	close_fd(&master);
	fds->stdio[0] = fds->stdio[1] = fds->stdio[2] = slave;
}

static void step_rlimits(const struct config *cfg)
{
	const struct limits *l = &cfg->lim;
	/* Backstop to the cgroup CPU timer, per process: SIGXCPU a second after the limit, then SIGKILL. */
	rlim_t cpu_s = (rlim_t)((l->cpu_us + 999999) / 1000000) + 1;
	set_limit(RLIMIT_CPU, "CPU", cpu_s, cpu_s + 1);
	set_limit(RLIMIT_FSIZE, "FSIZE", l->file_size, l->file_size);
	set_limit(RLIMIT_STACK, "STACK", l->stack, l->stack);
	/* Backstop to pids.max; the uid is unique to this slot, so the count is the box's. Rootless,
	 * the launcher and init have the box's uid in its user namespace, where RLIMIT_NPROC counts
	 * too: they are not the program's. */
	set_nproc((rlim_t)l->processes + (cfg->rootless ? 2 : 0));
	set_limit(RLIMIT_CORE, "CORE", 0, 0);         /* core dumps would fill the disk */
	set_limit(RLIMIT_MEMLOCK, "MEMLOCK", 0, 0);   /* locked memory evades reclaim */
	set_limit(RLIMIT_LOCKS, "LOCKS", 0, 0);       /* as the seed sets it */
	set_limit(RLIMIT_MSGQUEUE, "MSGQUEUE", 0, 0); /* POSIX queues are kernel memory */
	set_limit(RLIMIT_RTPRIO, "RTPRIO", 0, 0);     /* real-time priority starves the host */
	set_limit(RLIMIT_NICE, "NICE", 0, 0);
}

static void step_credentials(const struct config *cfg)
{
	if (!bounding_set_dropped)
		drop_bounding_set();
	/* Rootless: setgroups is denied in our user namespace (so that no group can be dropped
	 * to gain access); the launcher's own supplementary groups stay, which is why the
	 * service's unit runs with none. */
	if ((!cfg->rootless && setgroups(0, NULL) < 0) || setresgid(cfg->gid, cfg->gid, cfg->gid) < 0 ||
	    setresuid(cfg->uid, cfg->uid, cfg->uid) < 0)
		die_errno("switch to uid %u gid %u", (unsigned)cfg->uid, (unsigned)cfg->gid);
	/* Leaving uid 0 clears the capability sets; check rather than trust. */
	if (setresuid(0, 0, 0) == 0)
		die("regained root after dropping it");
}

static void step_no_new_privs(void)
{
	/* setuid binaries and file capabilities grant nothing from here on. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		die_errno("no_new_privs");
}

static void step_close_fds(void)
{
	/* Only fds 0-2 survive execve; the error pipe closing on exec tells the launcher it worked. */
	if (syscall(SYS_close_range, 3U, ~0U, 4U /* CLOSE_RANGE_CLOEXEC */) < 0)
		die_errno("close_range");
}

bool signals_defaulted;

void default_all_signals(void)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	if (sigemptyset(&dfl.sa_mask) < 0)
		die_errno("sigemptyset");
	for (int sig = 1; sig < NSIG; sig++) {
		if (sig == SIGKILL || sig == SIGSTOP)
			continue;
		/* glibc keeps two real-time signals for itself and refuses them (EINVAL); a static
		 * launcher never handles them, and execve resets handled signals anyway. */
		if (sigaction(sig, &dfl, NULL) < 0 && !(errno == EINVAL && sig >= 32 && sig < SIGRTMIN))
			die_errno("reset signal %d to its default action", sig);
	}
}

/*
 * Every signal at its default action and none blocked, as a program started from a clean
 * shell expects. The launcher ignores SIGPIPE and blocks its cancel signals, and execve keeps
 * ignored signals and the mask: a program writing to a closed pipe would get EPIPE instead of
 * dying by SIGPIPE (an interactor's death could go unseen), and a blocked SIGTERM would make
 * the program deaf to its own signals. Last step before seccomp: rt_sigaction need not be allowed.
 */
static void step_default_signals(void)
{
	/* The daemon reset every disposition when it started (64 calls once, not per box); since
	 * then its launchers have changed only SIGPIPE, to ignored. */
	if (!signals_defaulted)
		default_all_signals();
	else if (signal(SIGPIPE, SIG_DFL) == SIG_ERR)
		die_errno("reset SIGPIPE to its default action");
	sigset_t none;
	if (sigemptyset(&none) < 0 || sigprocmask(SIG_SETMASK, &none, NULL) < 0)
		die_errno("unblock every signal");
}

void send_fd(int sock, int fd, char tag)
{
	if (!send_fds(sock, &fd, 1, tag))
		die_errno("send fd '%c' to the launcher", tag);
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
	die("command not found in the box: %s", cmd);
}

static char **box_environment(const struct config *cfg)
{
	/* TERM last, and only with --tty: curses programs and `clear` need to know the terminal, and
	 * what the caller shows (xterm.js on the page) understands xterm's sequences. */
	static const char *const defaults[] = {
		"PATH=" BOX_PATH, "HOME=/box", "TMPDIR=/tmp", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TERM=xterm-256color",
	};
	size_t ndefaults = sizeof defaults / sizeof *defaults - (cfg->tty ? 0 : 1);
	char **env = xmalloc(sizeof(char *) * (MAX_ENV + 8));
	int n = 0;
	for (size_t d = 0; d < ndefaults; d++) {
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
	step_stdio(sp->cfg, sp->fds);
	if (chdir(sp->cfg->cwd) < 0)
		die_errno("chdir %s", sp->cfg->cwd);
	step_rlimits(sp->cfg);
	step_credentials(sp->cfg);
	step_no_new_privs();
	step_close_fds();
	step_default_signals();
	int listener = seccomp_install(&sp->fds->filters);
	send_fd(sp->fds->notify_wr, listener, FD_TAG_LISTENER);
	/* Last: the listener above needs a free fd, and with --open-files 3 or less there would be
	 * none (fds at or above the limit that are already open stay usable: they close on exec). */
	rlim_t nofile = (rlim_t)sp->cfg->lim.open_files;
	set_limit(RLIMIT_NOFILE, "NOFILE", nofile, nofile);
	execve(sp->cmd, sp->cfg->argv, sp->env);
	die_errno("execve %s", sp->cmd);
}

static void die_with_parent(void)
{
	/* If the launcher is killed, the box goes with it (and the kernel reaps the rest). */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0)
		die_errno("set the parent-death signal");
	/* init is a copy of the launcher: its /proc files (environ, maps, fds) must stay closed to
	 * the program, which in rootless mode has init's uid. Not dumpable = owned by root, hidden
	 * by hidepid, never ptrace-able. execve makes the program dumpable again for itself. */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
		die_errno("make init undumpable");
}

/*
 * The launcher holds the box's mount namespace until its teardown. Otherwise the namespace ends
 * with init, and the kernel unmounts the box's tree (and waits for an RCU grace period) inside
 * init's exit, before the launcher learns that the box is over: all of that was on the path
 * to the result.
 */
static void send_own_mount_namespace(struct box_fds *fds)
{
	int mnt = open("/proc/self/ns/mnt", O_RDONLY | O_CLOEXEC);
	if (mnt < 0)
		die_errno("open /proc/self/ns/mnt");
	send_fd(fds->notify_wr, mnt, FD_TAG_MNTNS);
	close_fd(&mnt);
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
			die_errno("waitpid in init");
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
		die_errno("unshare the box namespaces");
	if ((ns & CLONE_NEWNET) && !cfg->rootless) {
		/* A fresh network namespace: hand it to the launcher to pool for this slot. */
		int net = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
		if (net < 0)
			die_errno("open /proc/self/ns/net");
		send_fd(fds->notify_wr, net, FD_TAG_NETNS);
		close_fd(&net);
	}
	timing("init: namespaces");
	mounts_enter_box(cfg, &fds->mounts);
	send_own_mount_namespace(fds);
	timing("init: mounts");
	if (sethostname(cfg->hostname, strlen(cfg->hostname)) < 0)
		die_errno("sethostname");
	if (cfg->tty)
		step_tty(cfg, fds);
	struct spawn sp = { cfg, fds, resolve_command(cfg->argv[0]), box_environment(cfg) };
	enum { STACK = 128 * 1024 };
	char *stack = xmap(STACK); /* the program uses a few pages of it before execve */
	wait_for_go(fds);
	/* After the go: the launcher has moved us by then (main.c, spread_child). */
	/* EINVAL: the CPUs allowed to us shrank meanwhile (a cpuset change); keep what the kernel left. */
	if (fds->spread && sched_setaffinity(0, sizeof fds->cpus, &fds->cpus) < 0 && errno != EINVAL)
		die_errno("take back the launcher's CPUs");
	if (fds->join_cgroup)
		cgroup_join(fds->notify_wr);
	timing("init: wait for cgroup");
	/* We are in the box cgroup now (moved by the launcher, or by ourselves on v1): root the
	 * cgroup namespace there. */
	if (unshare(CLONE_NEWCGROUP) < 0)
		die_errno("unshare the cgroup namespace");
	pid_t program = clone(run_program, stack + STACK, CLONE_VM | CLONE_VFORK | SIGCHLD, &sp);
	if (program < 0)
		die_errno("start the program");
	current_role = ROLE_INIT; /* the child wrote ROLE_PROGRAM into our shared memory */
	timing("init: program exec'd");
	/* init keeps only the status pipe: the program's fds and errors are its own now. */
	if (syscall(SYS_close_range, 0U, (unsigned)fds->status_wr - 1, 0U) < 0 ||
	    syscall(SYS_close_range, (unsigned)fds->status_wr + 1, ~0U, 0U) < 0)
		_exit(4);
	if (!bounding_set_dropped)
		drop_bounding_set();
	drop_capabilities();
	reap_until_program_exits(program, fds->status_wr);
}
