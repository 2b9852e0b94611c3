/*
 * airlock-sandbox: the launcher. Read top to bottom, main() is the whole box:
 * lock the slot, make the cgroup, make the workspace, wire stdio, fork the
 * box's init into fresh namespaces, supervise, tear down, report.
 */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

extern void (*die_cleanup)(void);

static struct config cfg;
static struct cgroup cg;
int slot_lock = -1;
static struct run run = { .signal_fd = -1, .init_pidfd = -1, .error_rd = -1, .status_rd = -1, .notify_rd = -1,
			  .out_rd = -1, .err_rd = -1, .in_wr = -1, .mntns_fd = -1 };

/* On our own failure after the box exists: kill it and remove its cgroup. */
static void cleanup_on_die(void)
{
	if (run.init_pidfd >= 0)
		(void)syscall(SYS_pidfd_send_signal, run.init_pidfd, SIGKILL, NULL, 0);
	cgroup_destroy(&cg);
}

static void step_sane_fds(void)
{
	/* fds 0-2 must exist, or a pipe we make could land on them. */
	for (int fd = 0; fd < 3; fd++) {
		if (fcntl(fd, F_GETFD) >= 0)
			continue;
		int null = open("/dev/null", O_RDWR);
		if (null < 0)
			die_errno("reopen fd %d on /dev/null", fd);
		if (null != fd)
			die("reopen fd %d on /dev/null: it landed on fd %d", fd, null);
	}
	if (fcntl(cfg.result_fd, F_GETFD) < 0)
		usage_error("--result-fd %d is not open", cfg.result_fd);
	die_result_fd = cfg.result_fd;
	die_result_framed = cfg.framed_fd >= 0;
	/* A caller that stops reading must not kill us with SIGPIPE mid-report. */
	if (signal(SIGPIPE, SIG_IGN) == SIG_ERR)
		die_errno("ignore SIGPIPE");
}

/* SIGTERM, SIGINT and SIGHUP cancel the run: the supervisor reads them from a signalfd,
 * kills the box and still tears down and reports. The program starts with every signal
 * at its default and none blocked (box.c). */
static void step_signals(void)
{
	sigset_t set;
	if (sigemptyset(&set) < 0 || sigaddset(&set, SIGTERM) < 0 || sigaddset(&set, SIGINT) < 0 ||
	    sigaddset(&set, SIGHUP) < 0 || sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		die_errno("block the cancel signals");
	run.signal_fd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (run.signal_fd < 0)
		die_errno("signalfd");
	/* A killed service would leave this run going until its limits, holding its slot while
	 * the restarted service wants it: its death cancels the run (through the signalfd). */
	if (cfg.die_with_parent) {
		pid_t parent = getppid();
		if (prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0) < 0)
			die_errno("set the parent-death signal");
		if (getppid() != parent && kill(getpid(), SIGTERM) < 0)
			die_errno("cancel: the parent is gone already");
	}
}

static void step_privileges(void)
{
	if (cfg.rootless) {
		userns_enter_own(&cfg);
		return;
	}
	/* Root mode: nothing we exec may gain a capability, and the launcher itself never execs.
	 * Once per process (the daemon's connections inherit it), not twice per box. */
	drop_bounding_set_once();
}

static void ensure_dir(const char *path)
{
	if (mkdir(path, 0700) < 0 && errno != EEXIST)
		die_errno("mkdir %s", path);
	/* Ours alone: someone else's directory (or a link) here could steer our mounts and locks. */
	struct stat st;
	if (lstat(path, &st) < 0)
		die_errno("stat %s", path);
	if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 022))
		die("%s must be a directory owned by us and writable by nobody else", path);
}

/* A daemon's launcher reports its box before tearing it down and holds the slot until the
 * teardown is done (run_one), so the next box on the slot may find it locked for a moment. */
#define SLOT_WAIT_US 100000

/* Take the lock, waiting up to wait_us for a holder to let go; false if it is still held. */
static bool lock_within(int fd, uint64_t wait_us)
{
	uint64_t deadline = now_us() + wait_us;
	for (long pause_ns = 20000;; pause_ns = pause_ns < 1000000 ? pause_ns * 2 : pause_ns) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return true;
		if (errno != EWOULDBLOCK)
			die_errno("lock slot %u", cfg.slot);
		if (now_us() > deadline)
			return false;
		struct timespec ts = { 0, pause_ns };
		(void)nanosleep(&ts, NULL); /* EINTR only shortens the wait */
	}
}

static void step_lock_slot(void)
{
	ensure_dir(cfg.state_dir);
	char *root = xasprintf("%s/root", cfg.state_dir);
	ensure_dir(root);
	free(root);
	char *path = xasprintf("%s/slot-%u.lock", cfg.state_dir, cfg.slot);
	/* Held until we exit, even by SIGKILL: the next launcher then cleans our leftovers. */
	int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		die_errno("open %s", path);
	slot_lock = fd;
	if (!lock_within(fd, SLOT_WAIT_US)) {
		/* Not a failure of ours: the caller picked a busy slot and may try another. */
		fprintf(stderr, "airlock-sandbox: slot %u is in use by another launcher\n", cfg.slot);
		if (cfg.framed_fd >= 0) {
			struct outcome out = { .status = ST_IE };
			snprintf(out.message, sizeof out.message, "slot %u is in use by another launcher", cfg.slot);
			result_write(cfg.framed_fd, true, &out, EXIT_BUSY);
		}
		exit(EXIT_BUSY);
	}
	free(path);
}

static void make_pipe(int fds[2], int nonblock_end)
{
	if (pipe2(fds, O_CLOEXEC) < 0)
		die_errno("pipe");
	if (nonblock_end >= 0 && fcntl(fds[nonblock_end], F_SETFL, O_NONBLOCK) < 0)
		die_errno("set O_NONBLOCK");
}

static void step_stdio(struct box_fds *fds)
{
	if (cfg.passthrough) {
		for (int i = 0; i < 3; i++)
			if ((fds->stdio[i] = fcntl(i, F_DUPFD_CLOEXEC, 3)) < 0)
				die_errno("dup fd %d", i);
		return;
	}
	/* --tty: init opens the box's own pty and the master comes up the notify socket (tty.c). */
	if (cfg.tty) {
		fds->stdio[0] = fds->stdio[1] = fds->stdio[2] = -1;
		return;
	}
	int p[2];
	if (cfg.stdin_file) {
		fds->stdio[0] = open(cfg.stdin_file, O_RDONLY | O_CLOEXEC);
		if (fds->stdio[0] < 0)
			die_errno("open --stdin %s", cfg.stdin_file);
	} else {
		make_pipe(p, 1);
		fds->stdio[0] = p[0];
		run.in_wr = p[1];
	}
	make_pipe(p, 0);
	run.out_rd = p[0];
	fds->stdio[1] = p[1];
	if (cfg.merge_stderr) {
		fds->stdio[2] = p[1];
	} else {
		make_pipe(p, 0);
		run.err_rd = p[0];
		fds->stdio[2] = p[1];
	}
	/* The box user owns its ends, so /dev/stdin and /dev/stdout (a reopen through
	 * /proc/self/fd) work as they do outside; the pipes connect only to us. */
	for (int i = cfg.stdin_file ? 1 : 0; i < 3; i++)
		if (fchown(fds->stdio[i], cfg.uid, cfg.gid) < 0)
			die_errno("give the box its stdio pipes");
}

/* With --passthrough the box holds the caller's stdio; ours would keep a pipe open after
 * the program ends (an interactor would wait for EOF until teardown), so let go of it. */
static void release_caller_stdio(void)
{
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null < 0)
		die_errno("open /dev/null");
	for (int fd = 0; fd < 3; fd++)
		if (fd != cfg.result_fd && dup2(null, fd) < 0)
			die_errno("release fd %d", fd);
	close_fd(&null);
}

/*
 * The kernel tends to start a forked child on its parent's CPU, where init then waited for all
 * of our cgroup work after the fork (about 300 us here) before it could build the box in
 * parallel. With more than one CPU to run on, init is sent to the others; it takes back the
 * whole set once told to go (box.c), before the program starts, so the program has them all.
 */
static void plan_spread(struct box_fds *fds)
{
	int cpu = sched_getcpu();
	fds->spread = cpu >= 0 && sched_getaffinity(0, sizeof fds->cpus, &fds->cpus) == 0 &&
		      CPU_COUNT(&fds->cpus) > 1 && CPU_ISSET(cpu, &fds->cpus);
	if (fds->spread)
		fds->away_from = cpu;
}

static void spread_child(const struct box_fds *fds, pid_t pid)
{
	if (!fds->spread)
		return;
	cpu_set_t away;
	memcpy(&away, &fds->cpus, sizeof away);
	CPU_CLR(fds->away_from, &away);
	/* ESRCH: init is gone already (its setup failed; the supervisor reports why). EINVAL: the
	 * CPUs we may use changed since we read them; init simply stays where it is. */
	if (sched_setaffinity(pid, sizeof away, &away) < 0 && errno != ESRCH && errno != EINVAL)
		die_errno("move the box's init to another CPU");
}

/* Fork the box's init into a new pid namespace; the rest of its namespaces it makes itself. */
static void step_fork_box(struct box_fds *fds)
{
	int sync[2], err[2], status[2], notify[2];
	make_pipe(sync, -1);
	make_pipe(err, 0);
	make_pipe(status, 0);
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, notify) < 0)
		die_errno("socketpair");
	fds->sync_rd = sync[0];
	fds->error_wr = err[1];
	fds->status_wr = status[1];
	fds->notify_wr = notify[1];
	if (unshare(CLONE_NEWPID) < 0)
		die_errno("unshare the pid namespace");
	/* cgroup v2: make the cgroup first and start init inside it (CLONE_INTO_CGROUP): moving a
	 * process between cgroups can wait for an RCU grace period. v1 has no such clone, so the
	 * cgroup is made while init builds the box, and init moves itself in (cgroup_hand_over)
	 * before its program starts. */
	cgroup_locate(&cg, &cfg);
	fds->join_cgroup = !cg.v2;
	pid_t pid = -1;
	bool born_inside = false;
	if (cg.v2) {
		cgroup_prepare(&cg, &cfg);
		timing("cgroup prepare");
		pid = clone_into_cgroup(&cg, &run.init_pidfd);
		born_inside = pid >= 0;
	}
	if (pid < 0) {
		plan_spread(fds);
		pid = fork();
	}
	if (pid < 0)
		die_errno("fork the box");
	if (pid == 0) {
		/* The slot's lock stays with the launcher alone: a box outliving it must not keep the
		 * slot locked (the next launcher removes what is left). */
		int ours[] = { sync[1], err[0], status[0], notify[0], run.out_rd, run.err_rd, run.in_wr, run.signal_fd, slot_lock };
		for (size_t i = 0; i < sizeof ours / sizeof *ours; i++)
			close_fd(&ours[i]);
		box_init(&cfg, fds);
	}
	spread_child(fds, pid);
	run.init_pid = pid;
	if (run.init_pidfd < 0)
		run.init_pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (run.init_pidfd < 0)
		die_errno("pidfd_open (kernel 5.3 or later is needed)");
	int theirs[] = { sync[0], err[1], status[1], notify[1], fds->stdio[0], fds->stdio[1],
			 cfg.merge_stderr ? -1 : fds->stdio[2] };
	for (size_t i = 0; i < sizeof theirs / sizeof *theirs; i++)
		close_fd(&theirs[i]);
	if (cfg.passthrough)
		release_caller_stdio();
	run.error_rd = err[0];
	run.status_rd = status[0];
	run.notify_rd = notify[0];
	timing("fork");
	if (!born_inside) {
		if (!cg.created)
			cgroup_prepare(&cg, &cfg);
		timing("cgroup prepare");
		if (cg.v2)
			cgroup_attach(&cg, pid);
		else
			cgroup_hand_over(&cg, notify[0]);
	}
	/* EPIPE: init died during its setup (a command not found, say); why is waiting in the error
	 * pipe, and the supervisor reports that rather than this write's failure. */
	if (!write_all(sync[1], "g", 1) && errno != EPIPE)
		die_errno("start the box");
	close_fd(&sync[1]);
}

/*
 * Remove the cgroup, free the slot, then drop the box's mounts. The slot's lock guards what a
 * box's processes could use (its uid, cgroup and pooled network namespace); once the cgroup is
 * gone none is alive, and the mounts (a namespace and tmpfs only our fds reach, whose release
 * waits for an RCU grace period) need no lock: the next box on the slot starts meanwhile.
 */
static void step_teardown(struct box_fds *fds)
{
	cgroup_destroy(&cg);
	die_cleanup = NULL;
	close_fd(&slot_lock);
	timing("teardown: slot free");
	int *mine[] = { &fds->mounts.ws.box, &fds->mounts.ws.tmp, &fds->mounts.ws.shm, &fds->mounts.passwd,
			&fds->mounts.group, &fds->mounts.template_fd };
	for (size_t i = 0; i < sizeof mine / sizeof *mine; i++)
		close_fd(mine[i]);
	/* The box's last mount namespace reference: its mounts go now, after the report. */
	close_fd(&run.mntns_fd);
}

/* One box, start to end; cfg is filled. Called once (command line) or per connection (daemon). */
static int run_one(void)
{
	step_sane_fds();
	step_signals();
	step_privileges();
	timing("start");
	step_lock_slot();
	timing("lock slot");
	if (cfg.cleanup_only) {
		cgroup_cleanup_slot(&cfg);
		netns_pool_drop(&cfg);
		return EXIT_RAN;
	}
	die_cleanup = cleanup_on_die;
	struct box_fds fds = { 0 };
	fds.mounts.template_fd = template_open(&cfg);
	timing("template");
	identity_open(&cfg, &fds.mounts.passwd, &fds.mounts.group);
	workspace_create(&cfg, &fds.mounts.ws);
	if (cfg.copy_in)
		workspace_copy_in(fds.mounts.ws.box, cfg.copy_in);
	workspace_write_files(fds.mounts.ws.box, cfg.files);
	timing("workspace");
	seccomp_prepare(&cfg, &fds.filters);
	fds.netns_fd = cfg.network ? -1 : netns_pool_open(&cfg);
	timing("filters, netns");
	step_stdio(&fds);
	step_fork_box(&fds);
	close_fd(&fds.netns_fd); /* init has its own copy */
	timing("fork + attach");

	struct outcome out = { .status = ST_OK };
	run.cfg = &cfg;
	run.cg = &cg;
	supervise(&run, &out);
	timing("supervise");

	if (cfg.copy_out && out.status != ST_IE && !workspace_copy_out(fds.mounts.ws.box, cfg.copy_out, cfg.copy_out_limit)) {
		out.status = ST_OLE;
		snprintf(out.message, sizeof out.message, "files in /box exceed the copy-out limit of %llu bytes",
			 (unsigned long long)cfg.copy_out_limit);
	}
	int code = out.status == ST_IE ? EXIT_FAILED : EXIT_RAN;
	/* A daemon's client has the result before the teardown: nothing of the box can change it
	 * now (its processes are dead or dying with their pid namespace, its output is read, its
	 * files copied out), and the slot stays locked until the teardown is done. A failure from
	 * here on goes to the daemon's log; the next launcher on the slot removes what is left. */
	bool reported = cfg.framed_fd >= 0;
	if (reported) {
		result_send(cfg.result_fd, &out, code);
		die_result_fd = -1;
		timing("report");
	}
	step_teardown(&fds);
	timing("teardown: mounts");
	if (reported)
		result_drain(cfg.result_fd);
	else
		result_write(cfg.result_fd, false, &out, code);
	return code;
}

int main(int argc, char **argv)
{
	/* Nothing of the caller's environment is ever needed; keep none of it in memory we copy. */
	if (clearenv() != 0)
		die("clearenv");
	parse_args(argc, argv, &cfg);
	if (cfg.serve_path)
		serve(cfg.serve_path, run_one, &cfg);
	return run_one();
}
