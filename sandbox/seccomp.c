/*
 * System-call filters. Two kinds of rule:
 *
 *  floor  argument checks and answers for the kernel: namespace flags on
 *         clone, TIOCSTI/TIOCLINUX/TIOCSETD, socket families, PR_SET_SECCOMP, F_NOTIFY,
 *         ENOSYS for calls runtimes probe, success without effect for advice
 *         that would evict shared files from the page cache. Foreign ABIs
 *         (int 0x80, x32 numbers) die with SIGSYS.
 *  named  (user-notification listener) every hostile call, and in allow-list
 *         mode every call not listed, stops in the supervisor, which kills
 *         the box and reports SV with the call's name. In record mode the
 *         supervisor notes each call and lets it proceed.
 *
 * In baseline mode both kinds live in one filter. With an allow-list (or in
 * record mode) the floor is a second filter stacked under the named one: when
 * both answer, the kernel takes the stronger action (kill, then errno, then
 * notify, then allow), so the floor always holds.
 */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

struct rule {
	int nr;
	const char *threat;
};

/* Hostile calls: the box dies with SV naming the call. */
static const struct rule hostile[] = {
	{ SCMP_SYS(ptrace), "read or steer another process" },
	{ SCMP_SYS(process_vm_readv), "read another process's memory" },
	{ SCMP_SYS(process_vm_writev), "write another process's memory" },
	{ SCMP_SYS(kcmp), "probe another process's kernel objects" },
	{ SCMP_SYS(pidfd_getfd), "steal another process's file descriptors" },
	{ SCMP_SYS(unshare), "new namespaces: user-namespace kernel bugs, escaping limits" },
	{ SCMP_SYS(setns), "join another namespace" },
	{ SCMP_SYS(mount), "change the box's filesystem view" },
	{ SCMP_SYS(umount2), "uncover what the box's mounts hide" },
	{ SCMP_SYS(pivot_root), "change the root" },
	{ SCMP_SYS(chroot), "change the root (classic chroot escapes)" },
	{ SCMP_SYS(fsopen), "new mount API" }, { SCMP_SYS(fsconfig), "new mount API" },
	{ SCMP_SYS(fsmount), "new mount API" }, { SCMP_SYS(fspick), "new mount API" },
	{ SCMP_SYS(move_mount), "new mount API" }, { SCMP_SYS(open_tree), "new mount API" },
	{ SCMP_SYS(mount_setattr), "make read-only mounts writable" },
	{ SCMP_SYS(open_by_handle_at), "open host files by handle (the 'shocker' escape)" },
	{ SCMP_SYS(kexec_load), "replace the kernel" }, { SCMP_SYS(kexec_file_load), "replace the kernel" },
	{ SCMP_SYS(init_module), "load kernel code" }, { SCMP_SYS(finit_module), "load kernel code" },
	{ SCMP_SYS(delete_module), "unload kernel code" },
	{ SCMP_SYS(reboot), "stop the host" },
	{ SCMP_SYS(swapon), "change host swap" }, { SCMP_SYS(swapoff), "change host swap" },
	{ SCMP_SYS(acct), "host process accounting" },
	{ SCMP_SYS(quotactl), "host disk quotas" }, { SCMP_SYS(quotactl_fd), "host disk quotas" },
	{ SCMP_SYS(settimeofday), "set the host clock" }, { SCMP_SYS(clock_settime), "set the host clock" },
	{ SCMP_SYS(iopl), "raw port I/O" }, { SCMP_SYS(ioperm), "raw port I/O" },
	{ SCMP_SYS(lookup_dcookie), "legacy profiling interface" },
	{ SCMP_SYS(uselib), "legacy loader with a history of bugs" },
	{ SCMP_SYS(nfsservctl), "legacy NFS control" },
	{ SCMP_SYS(vhangup), "hang up terminals" },
	{ SCMP_SYS(syslog), "read or clear the kernel log" },
	/* A filter of the box's own ranks above ours when it answers ERRNO (the kernel takes the
	 * strongest action, and ERRNO beats our user notification): the box's hostile calls would
	 * fail quietly instead of ending it with SV. No runtime we run installs one. */
	{ SCMP_SYS(seccomp), "a filter of its own hides hostile calls from the supervisor" },
};

/* Calls runtimes probe and fall back from: they answer ENOSYS. */
static const struct rule probed[] = {
	{ SCMP_SYS(clone3), "clone3 flags cannot be checked (pointer argument); glibc falls back to clone" },
	{ SCMP_SYS(io_uring_setup), "io_uring: large, often-exploited kernel surface" },
	{ SCMP_SYS(io_uring_enter), "io_uring" }, { SCMP_SYS(io_uring_register), "io_uring" },
	{ SCMP_SYS(bpf), "eBPF: kernel code and verifier bugs" },
	{ SCMP_SYS(perf_event_open), "perf: side channels and kernel bugs" },
	{ SCMP_SYS(userfaultfd), "stalls kernel copies, widens races (exploit helper)" },
	{ SCMP_SYS(keyctl), "kernel keyrings are shared beyond the box" },
	{ SCMP_SYS(add_key), "kernel keyrings" }, { SCMP_SYS(request_key), "kernel keyrings" },
	{ SCMP_SYS(vmsplice), "the page-splicing call behind a classic local root (seed article)" },
	{ SCMP_SYS(name_to_handle_at), "file handles, see open_by_handle_at" },
	{ SCMP_SYS(adjtimex), "clock tuning" }, { SCMP_SYS(clock_adjtime), "clock tuning" },
	{ SCMP_SYS(fanotify_init), "filesystem-wide watches" },
	/* /usr and /etc are the host's files, bound read-only: a watch on them sees what the
	 * host and other boxes run, and when (found by test/attacks, c-inotify-host-activity). */
	{ SCMP_SYS(inotify_init), "watching shared files reveals other boxes' activity" },
	{ SCMP_SYS(inotify_init1), "watching shared files reveals other boxes' activity" },
};

/* Namespace flags on clone: new namespaces are the door to many kernel bugs. */
static const uint64_t clone_ns_flags[] = {
	CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC,
	CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET,
};

/* Calls our own code makes between loading the filter and execve. */
static const int exec_path[] = { SCMP_SYS(sendmsg), SCMP_SYS(prlimit64), SCMP_SYS(setrlimit), SCMP_SYS(execve),
				 SCMP_SYS(write), SCMP_SYS(exit_group) };

#define N(a) (sizeof(a) / sizeof *(a))

static void add(scmp_filter_ctx ctx, uint32_t action, int nr, unsigned argc, const struct scmp_arg_cmp *args)
{
	int rc = seccomp_rule_add_array(ctx, action, nr, argc, args);
	if (rc < 0) {
		errno = -rc;
		die_errno("seccomp rule for syscall %d", nr);
	}
}

static scmp_filter_ctx new_filter(uint32_t def)
{
	scmp_filter_ctx ctx = seccomp_init(def);
	if (!ctx)
		die("seccomp_init");
	/* int 0x80 and x32 numbers reach a different syscall table: the box dies. */
	int rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
	/* A binary tree of syscall numbers: fewer BPF steps per call, and the kernel
	 * emulates the filter for every syscall number when it loads it. */
	if (rc == 0)
		rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
	if (rc < 0) {
		errno = -rc;
		die_errno("seccomp filter attributes");
	}
	return ctx;
}

/* The argument checks and ENOSYS answers; added to their own filter or, in baseline mode, to the only one. */
static void add_floor(scmp_filter_ctx ctx, const struct config *cfg)
{
	for (size_t i = 0; i < N(probed); i++)
		add(ctx, SCMP_ACT_ERRNO(ENOSYS), probed[i].nr, 0, NULL);
	for (size_t i = 0; i < N(clone_ns_flags); i++) {
		struct scmp_arg_cmp a = SCMP_A0(SCMP_CMP_MASKED_EQ, clone_ns_flags[i], clone_ns_flags[i]);
		add(ctx, SCMP_ACT_KILL_PROCESS, SCMP_SYS(clone), 1, &a);
	}
	/* prlimit64 on another process: in rootless mode init shares the program's uid, and a box
	 * could change its limits (found by test/attacks, c-rlimit-raise). Setting one's own is pid 0. */
	struct scmp_arg_cmp other = SCMP_A0(SCMP_CMP_NE, 0);
	add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(prlimit64), 1, &other);
	/* prctl(PR_SET_SECCOMP): the other way to install a filter of one's own (see seccomp in
	 * hostile[]); the kernel reads the option as an int. PR_GET_SECCOMP stays. */
	struct scmp_arg_cmp set_seccomp = SCMP_A0(SCMP_CMP_MASKED_EQ, 0xffffffffu, PR_SET_SECCOMP);
	add(ctx, SCMP_ACT_KILL_PROCESS, SCMP_SYS(prctl), 1, &set_seccomp);
	/* fcntl(F_NOTIFY), dnotify: /usr and /etc are the host's inodes, shared by every box, so a
	 * watch on them sees which files other boxes' runtimes open, and when (inotify is refused
	 * above for the same reason). EINVAL is what a kernel without dnotify answers. */
	struct scmp_arg_cmp notify = SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffu, F_NOTIFY);
	add(ctx, SCMP_ACT_ERRNO(EINVAL), SCMP_SYS(fcntl), 1, &notify);
	/* posix_fadvise(POSIX_FADV_DONTNEED) on the shared read-only files drops them from the
	 * host's page cache (every box and the host then read them from disk again). Advice is
	 * only advice: the call succeeds and does nothing (ERRNO(0) returns 0 without the call). */
	add(ctx, SCMP_ACT_ERRNO(0), SCMP_SYS(fadvise64), 0, NULL);
	/* madvise(MADV_PAGEOUT) on a private mapping of such a file evicts it the same way, and
	 * MADV_COLD queues it for eviction; both are hints, answered with success and no effect. */
	static const int evicting[] = { MADV_COLD, MADV_PAGEOUT };
	for (size_t i = 0; i < N(evicting); i++) {
		struct scmp_arg_cmp a = SCMP_A2(SCMP_CMP_MASKED_EQ, 0xffffffffu, (uint64_t)evicting[i]);
		add(ctx, SCMP_ACT_ERRNO(0), SCMP_SYS(madvise), 1, &a);
	}
	/* TIOCSTI fakes typed input, TIOCLINUX reads consoles; TIOCSETD puts a line discipline on a
	 * tty, which a --tty box owns: n_hdlc (CVE-2017-2636) and n_gsm (CVE-2023-6546) were local
	 * roots from an unprivileged pty, and no program a box runs needs one. The kernel reads only
	 * the low 32 bits of the command. */
	static const unsigned long tty_cmds[] = { TIOCSTI, TIOCLINUX, TIOCSETD };
	for (size_t i = 0; i < N(tty_cmds); i++) {
		struct scmp_arg_cmp a = SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffu, tty_cmds[i]);
		add(ctx, SCMP_ACT_KILL_PROCESS, SCMP_SYS(ioctl), 1, &a);
	}
	/* Sockets: AF_UNIX only, AF_INET/AF_INET6 too when the box has network. Raw,
	 * packet, netlink, AF_ALG, vsock and the rest are kernel surface with no use here. */
	static const int socket_calls[] = { SCMP_SYS(socket), SCMP_SYS(socketpair) };
	for (size_t s = 0; s < N(socket_calls); s++) {
		for (int family = 0; family <= AF_INET6; family++) {
			bool ok = family == AF_UNIX || (cfg->network && (family == AF_INET || family == AF_INET6));
			struct scmp_arg_cmp a = SCMP_A0(SCMP_CMP_EQ, (uint64_t)family);
			if (!ok)
				add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), socket_calls[s], 1, &a);
		}
		struct scmp_arg_cmp above = SCMP_A0(SCMP_CMP_GT, AF_INET6);
		add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), socket_calls[s], 1, &above);
	}
}

static bool is_hostile(int nr)
{
	for (size_t i = 0; i < N(hostile); i++)
		if (hostile[i].nr == nr)
			return true;
	return false;
}

/* Allow the calls named in an allow-list file, one per line, '#' comments. */
static void add_allow_list(scmp_filter_ctx ctx, const char *path)
{
	FILE *f = fopen(path, "re");
	if (!f)
		die_errno("open seccomp allow-list %s", path);
	char line[128];
	while (fgets(line, sizeof line, f)) {
		char *name = line + strspn(line, " \t");
		name[strcspn(name, " \t\r\n#")] = 0;
		if (!*name)
			continue;
		int nr = seccomp_syscall_resolve_name(name);
		if (nr == __NR_SCMP_ERROR)
			die("allow-list %s: unknown syscall '%s'", path, name);
		if (is_hostile(nr))
			die("allow-list %s: '%s' is on the hostile list and cannot be allowed", path, name);
		add(ctx, SCMP_ACT_ALLOW, nr, 0, NULL);
	}
	if (ferror(f) || fclose(f) != 0)
		die_errno("read seccomp allow-list %s", path);
	for (size_t i = 0; i < N(exec_path); i++)
		add(ctx, SCMP_ACT_ALLOW, exec_path[i], 0, NULL);
}

static scmp_filter_ctx build_named(const struct config *cfg)
{
	bool restrictive = cfg->seccomp_allow || cfg->seccomp_record;
	scmp_filter_ctx ctx = new_filter(restrictive ? SCMP_ACT_NOTIFY : SCMP_ACT_ALLOW);
	/* With NOTIFY as the default the hostile calls need no rule (libseccomp refuses one
	 * equal to the default); is_hostile() keeps them fatal in record mode. */
	if (!restrictive)
		for (size_t i = 0; i < N(hostile); i++)
			add(ctx, SCMP_ACT_NOTIFY, hostile[i].nr, 0, NULL);
	/* Without an allow-list no syscall is allowed unconditionally, so the floor's
	 * conditional rules fit in the same filter: one filter loads faster than two. */
	if (!restrictive)
		add_floor(ctx, cfg);
	if (cfg->seccomp_allow)
		add_allow_list(ctx, cfg->seccomp_allow);
	if (cfg->seccomp_record)
		for (size_t i = 0; i < N(exec_path); i++)
			add(ctx, SCMP_ACT_ALLOW, exec_path[i], 0, NULL);
	return ctx;
}

/* With an allow-list, the floor needs a filter of its own (an unconditional allow
 * would swallow its argument checks); the kernel then takes the stronger answer. */
static scmp_filter_ctx build_floor(const struct config *cfg)
{
	scmp_filter_ctx ctx = new_filter(SCMP_ACT_ALLOW);
	add_floor(ctx, cfg);
	return ctx;
}

/* Compile a libseccomp filter to classic BPF in memory. */
static struct sock_fprog export_bpf(scmp_filter_ctx ctx)
{
	autoclose int fd = memfd_create("airlock-bpf", MFD_CLOEXEC);
	if (fd < 0)
		die_errno("memfd_create");
	int rc = seccomp_export_bpf(ctx, fd);
	if (rc < 0) {
		errno = -rc;
		die_errno("export the seccomp filter");
	}
	seccomp_release(ctx);
	off_t size = lseek(fd, 0, SEEK_END);
	if (size <= 0 || size % (off_t)sizeof(struct sock_filter) || size > 65536)
		die("seccomp filter of unexpected size %lld", (long long)size);
	struct sock_fprog prog = { .len = (unsigned short)(size / (off_t)sizeof(struct sock_filter)),
				   .filter = xmalloc((size_t)size) };
	if (pread(fd, prog.filter, (size_t)size, 0) != size)
		die("read the seccomp filter back");
	return prog;
}

void seccomp_prepare(const struct config *cfg, struct filters *f)
{
	if (seccomp_cache_load(cfg, f))
		return;
	if (cfg->seccomp_allow || cfg->seccomp_record)
		f->floor = export_bpf(build_floor(cfg));
	f->named = export_bpf(build_named(cfg));
	seccomp_cache_store(cfg, f);
}

int seccomp_install(const struct filters *f)
{
	/* NO_NEW_PRIVS is already set, so an unprivileged process may load filters. */
	if (f->floor.len && syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &f->floor) < 0)
		die_errno("load the seccomp floor filter");
	int fd = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &f->named);
	if (fd < 0)
		die_errno("load the seccomp filter (user notification needs kernel 5.0+)");
	return fd;
}

bool seccomp_handle(int notify_fd, bool record, struct syscall_event *ev)
{
	struct seccomp_notif req;
	memset(&req, 0, sizeof req);
	if (ioctl(notify_fd, SECCOMP_IOCTL_NOTIF_RECV, &req) < 0) {
		if (errno == ENOENT || errno == EINTR)
			return false; /* the caller died meanwhile, or a signal: nothing to decide */
		die_errno("receive a seccomp notification");
	}
	ev->nr = req.data.nr;
	char *name = seccomp_syscall_name(req.data.nr);
	snprintf(ev->name, sizeof ev->name, "%s", name);
	free(name);
	ev->fatal = !record || is_hostile(req.data.nr);
	if (!ev->fatal) {
		struct seccomp_notif_resp resp = {
			.id = req.id, .flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE,
		};
		/* ENOENT: the process died before we answered; nothing to continue. */
		if (ioctl(notify_fd, SECCOMP_IOCTL_NOTIF_SEND, &resp) < 0 && errno != ENOENT)
			die_errno("continue a recorded syscall");
	}
	return true;
}

char *seccomp_syscall_name(int nr)
{
	char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
	return name ? name : xasprintf("syscall_%d", nr);
}
