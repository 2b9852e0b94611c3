/*
 * The supervisor: one poll loop in the launcher, outside every namespace of
 * the box. It relays stdio with a cap, answers seccomp notifications, checks
 * CPU and wall time, and decides the outcome. The program's memory and the
 * caller's are decoupled: at most one 64 KiB buffer per stream sits here.
 */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <unistd.h>

#define SETUP_TIMEOUT_US 10000000
#define MIN_TICK_US 2000
#define MAX_SYSCALL_NR 1024
#define MAX_RELAY_FDS 6

struct state {
	struct run *run;
	struct outcome *out;
	struct relay *relay;
	int listener, timer;
	bool started, exited, init_gone, killed, tty_taken;
	int wait_status;
	uint64_t end_us, setup_deadline, cpu_base;
	bool seen[MAX_SYSCALL_NR];
};

static void kill_box(struct state *s, enum status why, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void kill_box(struct state *s, enum status why, const char *fmt, ...)
{
	if (s->killed)
		return;
	s->killed = true;
	s->out->status = why;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->out->message, sizeof s->out->message, fmt, ap);
	va_end(ap);
	if (!s->end_us)
		s->end_us = now_us();
	/* SIGKILL to the box's pid 1 makes the kernel kill its whole pid namespace. */
	if (syscall(SYS_pidfd_send_signal, s->run->init_pidfd, SIGKILL, NULL, 0) < 0 && errno != ESRCH)
		die_errno("kill the box");
}

static void on_error_pipe(struct state *s)
{
	char msg[300];
	ssize_t n = read(s->run->error_rd, msg, sizeof msg - 1);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n > 0) {
		msg[n] = 0;
		kill_box(s, ST_IE, "box setup failed: %s", msg);
	} else if (!s->killed) {
		s->started = true; /* execve closed the pipe: the program runs from now */
		s->run->start_us = now_us();
		s->cpu_base = cgroup_cpu_us(s->run->cg); /* setup work is ours, not the program's */
	}
	close_fd(&s->run->error_rd);
}

/* One fd from inside: the seccomp listener (program), a fresh network namespace or the pty's master
 * (init); false when none is waiting. */
static bool take_notify_fd(struct state *s)
{
	char tag = 0;
	int fd = -1;
	ssize_t n = recv_fds(s->run->notify_rd, &fd, 1, &tag, MSG_DONTWAIT);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return false;
	if (n < 0) {
		close_fd(&s->run->notify_rd); /* both senders are gone */
		return false;
	}
	if (fd < 0)
		return true;
	if (tag == FD_TAG_LISTENER && s->listener < 0) {
		s->listener = fd;
	} else if (tag == FD_TAG_NETNS) {
		netns_pool_keep(s->run->cfg, fd);
		close_fd(&fd);
	} else if (tag == FD_TAG_MNTNS && s->run->mntns_fd < 0) {
		s->run->mntns_fd = fd;
	} else if (tag == FD_TAG_TTY && s->run->cfg->tty && !s->tty_taken) {
		s->tty_taken = true;
		relay_attach_tty(s->relay, fd);
	} else {
		close_fd(&fd);
	}
	return true;
}

/* Everything waiting: a box that ends at once must not leave its pty's master unread here, or
 * the loop would see init gone and no output open, and end without the program's output. */
static void on_notify_socket(struct state *s)
{
	while (s->run->notify_rd >= 0 && take_notify_fd(s))
		;
}

static void on_listener(struct state *s)
{
	struct syscall_event ev;
	if (!seccomp_handle(s->listener, s->run->cfg->seccomp_record, &ev))
		return;
	if (ev.nr >= 0 && ev.nr < MAX_SYSCALL_NR)
		s->seen[ev.nr] = true;
	if (ev.fatal)
		kill_box(s, ST_SV, "forbidden system call: %s", ev.name);
}

static void on_status(struct state *s)
{
	ssize_t n = read(s->run->status_rd, &s->wait_status, sizeof s->wait_status);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n == (ssize_t)sizeof s->wait_status) {
		s->exited = true;
		if (!s->end_us)
			s->end_us = now_us();
	}
	close_fd(&s->run->status_rd);
}

static void on_init_exit(struct state *s)
{
	int st;
	if (waitpid(s->run->init_pid, &st, 0) < 0)
		die_errno("waitpid for the box's init");
	s->init_gone = true;
	if (!s->end_us)
		s->end_us = now_us();
	close_fd(&s->run->init_pidfd);
}

/* CPU time of the box since execve. The counter only grows; if it seems to go back, the
 * reading is wrong, and an unsigned difference would wrap into a false TLE: our failure. */
static uint64_t program_cpu_us(const struct state *s)
{
	uint64_t now = cgroup_cpu_us(s->run->cg);
	if (now < s->cpu_base)
		die("the box's CPU time went backwards (%llu us after %llu us)", (unsigned long long)now,
		    (unsigned long long)s->cpu_base);
	return now - s->cpu_base;
}

/* Time to the next check: the CPU limit cannot be crossed sooner than (left / cores). */
static uint64_t on_tick(struct state *s, long cores)
{
	const struct limits *l = &s->run->cfg->lim;
	uint64_t now = now_us();
	if (!s->started) {
		if (now > s->setup_deadline)
			kill_box(s, ST_IE, "box setup took longer than 10 s");
		return 50000;
	}
	uint64_t wall = now - s->run->start_us;
	if (wall >= l->wall_us) {
		kill_box(s, ST_TLE, "wall time limit exceeded");
		return 50000;
	}
	uint64_t cpu = program_cpu_us(s);
	if (cpu >= l->cpu_us) {
		kill_box(s, ST_TLE, "CPU time limit exceeded");
		return 50000;
	}
	uint64_t next = (l->cpu_us - cpu) / (uint64_t)cores;
	if (l->wall_us - wall < next)
		next = l->wall_us - wall;
	return next < MIN_TICK_US ? MIN_TICK_US : next;
}

static void arm_timer(int timer, uint64_t us)
{
	struct itimerspec its = { .it_value = { (time_t)(us / 1000000), (long)(us % 1000000) * 1000 } };
	if (timerfd_settime(timer, 0, &its, NULL) < 0)
		die_errno("timerfd_settime");
}

static void outcome_from_state(struct state *s, struct outcome *out)
{
	const struct limits *l = &s->run->cfg->lim;
	out->wall_us = s->run->start_us && s->end_us > s->run->start_us ? s->end_us - s->run->start_us : 0;
	out->cpu_us = program_cpu_us(s);
	out->memory = cgroup_memory_peak(s->run->cg);
	out->oom = cgroup_oom_kills(s->run->cg) > 0;
	if (s->exited && WIFEXITED(s->wait_status))
		out->exit_code = WEXITSTATUS(s->wait_status);
	if (s->exited && WIFSIGNALED(s->wait_status))
		out->signal = WTERMSIG(s->wait_status);
	if (s->killed && out->status != ST_SV && out->status != ST_IE && out->oom)
		out->status = ST_MLE; /* the OOM kill came first; our kill only finished the job */
	if (s->killed)
		return;
	if (out->cpu_us > l->cpu_us) {
		out->status = ST_TLE;
		snprintf(out->message, sizeof out->message, "CPU time limit exceeded");
	} else if (out->oom) {
		out->status = ST_MLE;
		snprintf(out->message, sizeof out->message, "memory limit of %llu bytes exceeded",
			 (unsigned long long)l->memory);
	} else if (!s->exited) {
		out->status = ST_IE;
		snprintf(out->message, sizeof out->message, "the box ended without reporting the program's status");
	} else if (out->signal == SIGSYS) {
		out->status = ST_SV;
		snprintf(out->message, sizeof out->message,
			 "killed by SIGSYS: forbidden system call arguments or foreign syscall ABI");
	} else if (out->signal == SIGXCPU) {
		out->status = ST_TLE;
		snprintf(out->message, sizeof out->message, "CPU time limit exceeded (per-process backstop)");
	} else if (out->signal) {
		out->status = ST_RE;
		snprintf(out->message, sizeof out->message, "killed by signal %d (%s)%s", out->signal,
			 strsignal(out->signal), out->signal == SIGXFSZ ? ": file size limit exceeded" : "");
	} else if (out->exit_code) {
		out->status = ST_RE;
		snprintf(out->message, sizeof out->message, "exited with code %d", out->exit_code);
	} else {
		out->status = ST_OK;
	}
}

static char *seen_list(const struct state *s)
{
	size_t cap = 16, len = 0;
	char *list = xmalloc(cap);
	for (int nr = 0; nr < MAX_SYSCALL_NR; nr++) {
		if (!s->seen[nr])
			continue;
		char *name = seccomp_syscall_name(nr);
		size_t n = strlen(name);
		if (len + n + 2 > cap) {
			cap = (len + n + 2) * 2;
			list = realloc(list, cap);
			if (!list)
				die("out of memory");
		}
		if (len)
			list[len++] = ',';
		memcpy(list + len, name, n + 1);
		len += n;
		free(name);
	}
	return list;
}

void supervise(struct run *run, struct outcome *out)
{
	struct state *s = xmalloc(sizeof *s);
	s->run = run;
	s->out = out;
	s->listener = -1;
	s->setup_deadline = now_us() + SETUP_TIMEOUT_US;
	s->relay = relay_new(run->cfg, run, out);
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	if (cores < 1)
		cores = 1;
	s->timer = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (s->timer < 0)
		die_errno("timerfd_create");
	arm_timer(s->timer, MIN_TICK_US);

	enum { F_ERR, F_STATUS, F_NSOCK, F_LISTEN, F_INIT, F_TIMER, F_SIG, F_RELAY };
	while (!s->init_gone || relay_outputs_open(s->relay)) {
		struct pollfd fds[F_RELAY + MAX_RELAY_FDS] = {
			[F_ERR] = { run->error_rd, POLLIN, 0 },
			[F_STATUS] = { run->status_rd, POLLIN, 0 },
			[F_NSOCK] = { run->notify_rd, POLLIN, 0 },
			[F_LISTEN] = { s->listener, POLLIN, 0 },
			[F_INIT] = { run->init_pidfd, POLLIN, 0 },
			[F_TIMER] = { s->timer, POLLIN, 0 },
			[F_SIG] = { run->signal_fd, POLLIN, 0 },
		};
		int nrelay = relay_pollfds(s->relay, fds + F_RELAY);
		if (poll(fds, (nfds_t)(F_RELAY + nrelay), -1) < 0) {
			if (errno == EINTR)
				continue;
			die_errno("poll");
		}
		if (fds[F_SIG].revents) {
			struct signalfd_siginfo si;
			if (read(run->signal_fd, &si, sizeof si) > 0)
				kill_box(s, ST_IE, "cancelled by signal %u from the caller", si.ssi_signo);
		}
		if (fds[F_ERR].revents)
			on_error_pipe(s);
		if (fds[F_NSOCK].revents)
			on_notify_socket(s);
		if (fds[F_LISTEN].revents & POLLIN)
			on_listener(s);
		else if (fds[F_LISTEN].revents)
			close_fd(&s->listener); /* every filtered process is gone */
		if (fds[F_STATUS].revents)
			on_status(s);
		if (fds[F_TIMER].revents) {
			uint64_t ticks;
			if (read(s->timer, &ticks, sizeof ticks) < 0 && errno != EAGAIN)
				die_errno("read timerfd");
			if (!s->exited && !s->init_gone)
				arm_timer(s->timer, on_tick(s, cores));
		}
		relay_handle(s->relay, fds + F_RELAY, nrelay);
		const char *why;
		switch (relay_news(s->relay, &why)) {
		case RELAY_OVER_CAP:
			kill_box(s, ST_OLE, "output limit of %llu bytes exceeded", (unsigned long long)run->cfg->lim.output);
			break;
		case RELAY_CALLER_GONE:
			kill_box(s, ST_IE, "cancelled: %s", why);
			break;
		case RELAY_NOTHING:
			break;
		}
		if (fds[F_INIT].revents)
			on_init_exit(s);
	}
	relay_finish(s->relay);
	/* Anything the kernel has not finished killing is killed and waited for here. */
	cgroup_kill_all(run->cg);
	outcome_from_state(s, out);
	if (run->cfg->seccomp_record)
		out->syscalls = seen_list(s);
	close_fd(&s->timer);
	close_fd(&s->listener);
	free(s);
}
