/*
 * seccomp-probe: calls each system call sandbox/seccomp.c denies, with
 * harmless arguments (ones that would fail with EBADF, EFAULT or EINVAL, or do
 * nothing, if the call reached the kernel), and prints what came back. A
 * hostile call must kill the box (SV); a probed one must answer ENOSYS; a
 * socket family other than AF_UNIX must answer EAFNOSUPPORT.
 *
 *   seccomp-probe names            the calls it knows, one per line
 *   seccomp-probe call NAME...     call each, print "NAME: ERRNO" or "NAME: returned N"
 *   seccomp-probe sockets          every family but AF_UNIX; prints the ones not refused
 *   seccomp-probe clone FLAG       clone with one namespace flag
 *   seccomp-probe ioctl CMD high   ioctl(0, CMD), with garbage in the upper 32 bits if "high"
 *   seccomp-probe dnotify DIR      fcntl(F_NOTIFY) on DIR, plain and with upper bits; prints the answers
 *   seccomp-probe evict FILE       posix_fadvise(DONTNEED) on FILE, which would drop it from the host's
 *                                  page cache, then fadvise and madvise(MADV_COLD, MADV_PAGEOUT) with
 *                                  arguments the kernel refuses: a no-op filter rule answers 0
 *   seccomp-probe resident FILE    (on the host) how many of FILE's pages are in the page cache
 *   seccomp-probe prctl-seccomp    prctl(PR_SET_SECCOMP) with an allow-all filter
 *   seccomp-probe own-filter       seccomp() with a filter answering EPERM to ptrace, then ptrace:
 *                                  prints ESCAPED when the box's own filter hid the call
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

struct call {
	const char *name;
	long nr;
	long a[6];
};

#define P(x) ((long)(x))
#define NOFILE P("/nonexistent-airlock")

int main(int argc, char **argv)
{
	const struct call calls[] = {
		/* hostile: the box must die with SV */
		{ "ptrace", SYS_ptrace, { -1, 0, 0, 0 } },
		{ "process_vm_readv", SYS_process_vm_readv, { 0, 0, 0, 0, 0, 0 } },
		{ "process_vm_writev", SYS_process_vm_writev, { 0, 0, 0, 0, 0, 0 } },
		{ "kcmp", SYS_kcmp, { 0, 0, 99, 0, 0 } },
		{ "pidfd_getfd", SYS_pidfd_getfd, { -1, -1, 0 } },
		{ "unshare", SYS_unshare, { 0 } },
		{ "setns", SYS_setns, { -1, 0 } },
		{ "mount", SYS_mount, { 0, 0, 0, 0, 0 } },
		{ "umount2", SYS_umount2, { NOFILE, 0 } },
		{ "pivot_root", SYS_pivot_root, { NOFILE, NOFILE } },
		{ "chroot", SYS_chroot, { NOFILE } },
		{ "fsopen", SYS_fsopen, { P("nonexistent-fs"), 0 } },
		{ "fsconfig", SYS_fsconfig, { -1, 0, 0, 0, 0 } },
		{ "fsmount", SYS_fsmount, { -1, 0, 0 } },
		{ "fspick", SYS_fspick, { -1, P(""), 0 } },
		{ "move_mount", SYS_move_mount, { -1, P(""), -1, P(""), 0 } },
		{ "open_tree", SYS_open_tree, { -1, NOFILE, 0 } },
		{ "mount_setattr", SYS_mount_setattr, { -1, P(""), 0, 0, 0 } },
		{ "open_by_handle_at", SYS_open_by_handle_at, { -1, 0, 0 } },
		{ "kexec_load", SYS_kexec_load, { 0, 0, 0, 0xdeadbeef } },
		{ "kexec_file_load", SYS_kexec_file_load, { -1, -1, 0, 0, 0xdeadbeef } },
		{ "init_module", SYS_init_module, { 0, 0, P("") } },
		{ "finit_module", SYS_finit_module, { -1, P(""), 0 } },
		{ "delete_module", SYS_delete_module, { P("nonexistent_airlock"), O_NONBLOCK } },
		{ "reboot", SYS_reboot, { 0, 0, 0, 0 } },
		{ "swapon", SYS_swapon, { NOFILE, 0 } },
		{ "swapoff", SYS_swapoff, { NOFILE } },
		{ "acct", SYS_acct, { NOFILE } },
		{ "quotactl", SYS_quotactl, { 0, 0, 0, 0 } },
		{ "quotactl_fd", SYS_quotactl_fd, { -1, 0, 0, 0 } },
		{ "settimeofday", SYS_settimeofday, { 0, 0 } },
		{ "clock_settime", SYS_clock_settime, { -1, 0 } },
		{ "iopl", SYS_iopl, { 0 } },
		{ "ioperm", SYS_ioperm, { 0, 0, 0 } },
		{ "lookup_dcookie", SYS_lookup_dcookie, { 0, 0, 0 } },
		{ "uselib", SYS_uselib, { NOFILE } },
		{ "nfsservctl", SYS_nfsservctl, { 0, 0, 0 } },
		{ "vhangup", SYS_vhangup, { 0 } },
		{ "syslog", SYS_syslog, { 10, 0, 0 } },
		{ "seccomp", SYS_seccomp, { 99, 0, 0 } },
		/* probed: must answer ENOSYS */
		{ "clone3", SYS_clone3, { 0, 0 } },
		{ "io_uring_setup", SYS_io_uring_setup, { 0, 0 } },
		{ "io_uring_enter", SYS_io_uring_enter, { -1, 0, 0, 0, 0, 0 } },
		{ "io_uring_register", SYS_io_uring_register, { -1, 0, 0, 0 } },
		{ "bpf", SYS_bpf, { -1, 0, 0 } },
		{ "perf_event_open", SYS_perf_event_open, { 0, 0, -1, -1, 0 } },
		{ "userfaultfd", SYS_userfaultfd, { -1 } },
		{ "keyctl", SYS_keyctl, { -1 } },
		{ "add_key", SYS_add_key, { 0, 0, 0, 0, 0 } },
		{ "request_key", SYS_request_key, { 0, 0, 0, 0 } },
		{ "vmsplice", SYS_vmsplice, { -1, 0, 0, 0 } },
		{ "name_to_handle_at", SYS_name_to_handle_at, { -1, 0, 0, 0, 0 } },
		{ "adjtimex", SYS_adjtimex, { 0 } },
		{ "clock_adjtime", SYS_clock_adjtime, { -1, 0 } },
		{ "fanotify_init", SYS_fanotify_init, { 0xffffffff, 0 } },
		{ "inotify_init", SYS_inotify_init, { 0 } },
		{ "inotify_init1", SYS_inotify_init1, { 0xffffffff } },
	};
	const size_t ncalls = sizeof calls / sizeof *calls;
	setvbuf(stdout, NULL, _IOLBF, 0);
	const char *mode = argc > 1 ? argv[1] : "";

	if (!strcmp(mode, "names")) {
		for (size_t i = 0; i < ncalls; i++)
			puts(calls[i].name);
		return 0;
	}
	if (!strcmp(mode, "call")) {
		for (int k = 2; k < argc; k++) {
			const struct call *c = 0;
			for (size_t i = 0; i < ncalls; i++)
				if (!strcmp(calls[i].name, argv[k]))
					c = &calls[i];
			if (!c) {
				printf("%s: unknown to the probe\n", argv[k]);
				return 2;
			}
			long rc = syscall(c->nr, c->a[0], c->a[1], c->a[2], c->a[3], c->a[4], c->a[5]);
			if (rc < 0)
				printf("%s: %s\n", c->name, strerrorname_np(errno));
			else
				printf("%s: returned %ld\n", c->name, rc);
		}
		return 0;
	}
	if (!strcmp(mode, "sockets")) {
		long families[80];
		int n = 0;
		for (long f = 0; f < 64; f++)
			if (f != AF_UNIX)
				families[n++] = f;
		families[n++] = 255;
		families[n++] = 0x7fffffff;
		families[n++] = 0x100000001; /* AF_UNIX in the low 32 bits: the kernel reads an int */
		families[n++] = 0x100000002; /* AF_INET in the low 32 bits */
		int open = 0;
		for (int i = 0; i < n; i++) {
			int sv[2];
			long s = syscall(SYS_socket, families[i], SOCK_STREAM, 0);
			if (s >= 0 || errno != EAFNOSUPPORT) {
				printf("socket family %ld: %s\n", families[i], s >= 0 ? "OPEN" : strerrorname_np(errno));
				open++;
			}
			long p = syscall(SYS_socketpair, families[i], SOCK_STREAM, 0, sv);
			if (p >= 0 || errno != EAFNOSUPPORT) {
				printf("socketpair family %ld: %s\n", families[i], p >= 0 ? "OPEN" : strerrorname_np(errno));
				open++;
			}
		}
		printf("sockets: %d families not refused with EAFNOSUPPORT\n", open);
		return 0;
	}
	if (!strcmp(mode, "clone") && argc > 2) {
		const struct { const char *name; long flag; } flags[] = {
			{ "CLONE_NEWNS", CLONE_NEWNS }, { "CLONE_NEWCGROUP", CLONE_NEWCGROUP }, { "CLONE_NEWUTS", CLONE_NEWUTS },
			{ "CLONE_NEWIPC", CLONE_NEWIPC }, { "CLONE_NEWUSER", CLONE_NEWUSER }, { "CLONE_NEWPID", CLONE_NEWPID },
			{ "CLONE_NEWNET", CLONE_NEWNET },
		};
		for (size_t i = 0; i < sizeof flags / sizeof *flags; i++) {
			if (strcmp(flags[i].name, argv[2]))
				continue;
			long rc = syscall(SYS_clone, flags[i].flag | SIGCHLD, 0, 0, 0, 0);
			if (rc == 0)
				_exit(0);
			printf("%s: %s\n", argv[2], rc < 0 ? strerrorname_np(errno) : "returned a child");
			return 0;
		}
		printf("%s: unknown to the probe\n", argv[2]);
		return 2;
	}
	if (!strcmp(mode, "ioctl") && argc > 2) {
		static const struct {
			const char *name;
			unsigned long cmd;
		} cmds[] = { { "TIOCSTI", TIOCSTI }, { "TIOCLINUX", TIOCLINUX }, { "TIOCSETD", TIOCSETD } };
		unsigned long cmd = 0;
		for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
			if (!strcmp(argv[2], cmds[i].name))
				cmd = cmds[i].cmd;
		if (!cmd) {
			printf("%s: unknown to the probe\n", argv[2]);
			return 2;
		}
		if (argc > 3 && !strcmp(argv[3], "high"))
			cmd |= 1UL << 32;
		char c = 0;
		long rc = syscall(SYS_ioctl, -1, cmd, &c);
		printf("%s: %s\n", argv[2], rc < 0 ? strerrorname_np(errno) : "returned");
		return 0;
	}
	if (!strcmp(mode, "dnotify") && argc > 2) {
		int dir = open(argv[2], O_RDONLY | O_DIRECTORY);
		if (dir < 0) {
			printf("dnotify: open %s: %s\n", argv[2], strerrorname_np(errno));
			return 2;
		}
		long plain = syscall(SYS_fcntl, dir, F_NOTIFY, DN_ACCESS | DN_MODIFY);
		printf("dnotify: %s\n", plain < 0 ? strerrorname_np(errno) : "ARMED");
		long high = syscall(SYS_fcntl, dir, (1L << 32) | F_NOTIFY, DN_ACCESS | DN_MULTISHOT);
		printf("dnotify high: %s\n", high < 0 ? strerrorname_np(errno) : "ARMED");
		return 0;
	}
	if (!strcmp(mode, "evict") && argc > 2) {
		/* The real thing on FILE (the host checks its page cache afterwards), then the same calls
		 * with arguments the kernel refuses (a bad fd, an unaligned address): only a filter that
		 * answers for the kernel makes them return 0. */
		int fd = open(argv[2], O_RDONLY);
		if (fd < 0) {
			printf("evict: open %s: %s\n", argv[2], strerrorname_np(errno));
			return 2;
		}
		int rc = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
		printf("fadvise: %s\n", rc ? strerrorname_np(rc) : "returned 0");
		rc = posix_fadvise(-1, 0, 0, POSIX_FADV_DONTNEED);
		printf("fadvise bad fd: %s\n", rc ? strerrorname_np(rc) : "returned 0");
		const struct { const char *name; int advice; } advices[] = { { "MADV_COLD", MADV_COLD }, { "MADV_PAGEOUT", MADV_PAGEOUT } };
		for (size_t i = 0; i < 2; i++) {
			long r = syscall(SYS_madvise, 1L, 4096L, (long)advices[i].advice);
			printf("%s unaligned: %s\n", advices[i].name, r < 0 ? strerrorname_np(errno) : "returned 0");
		}
		return 0;
	}
	if (!strcmp(mode, "resident") && argc > 2) {
		int fd = open(argv[2], O_RDONLY);
		struct stat st;
		if (fd < 0 || fstat(fd, &st) < 0 || st.st_size == 0)
			return 2;
		size_t pages = ((size_t)st.st_size + 4095) / 4096;
		void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
		unsigned char *v = malloc(pages);
		if (m == MAP_FAILED || !v || mincore(m, (size_t)st.st_size, v) < 0)
			return 2;
		size_t in = 0;
		for (size_t i = 0; i < pages; i++)
			in += v[i] & 1;
		printf("%zu of %zu\n", in, pages);
		return 0;
	}
	if (!strcmp(mode, "prctl-seccomp")) {
		struct sock_filter allow[] = { BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
		struct sock_fprog prog = { 1, allow };
		long rc = syscall(SYS_prctl, PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0);
		printf("prctl(PR_SET_SECCOMP): %s\n", rc < 0 ? strerrorname_np(errno) : "INSTALLED");
		return 0;
	}
	if (!strcmp(mode, "own-filter")) {
		struct sock_filter code[] = {
			BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
			BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_ptrace, 0, 1),
			BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
			BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		};
		struct sock_fprog prog = { sizeof code / sizeof *code, code };
		if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0) {
			printf("contained: seccomp refused: %s\n", strerrorname_np(errno));
			return 0;
		}
		long rc = syscall(SYS_ptrace, -1, 0, 0, 0);
		if (rc < 0 && errno == EPERM)
			puts("ESCAPED: a filter of the box's own hid ptrace (EPERM, no SV)");
		else
			printf("ptrace: %s\n", rc < 0 ? strerrorname_np(errno) : "returned");
		return 0;
	}
	puts("usage: seccomp-probe names | call NAME... | sockets | clone FLAG | ioctl CMD [high] | dnotify DIR | evict FILE | resident FILE | prctl-seccomp | own-filter");
	return 2;
}
