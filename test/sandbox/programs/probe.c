/*
 * probe: one hostile or ordinary action per invocation, for the containment
 * tests. Each mode prints a sentinel line the test checks ("ok", "denied
 * <errno>", "READABLE", ...) or is expected to be stopped by a limit.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <dirent.h>
#include <linux/if_alg.h>
#include <linux/perf_event.h>

extern char **environ;

static int report(const char *what, long rc)
{
	if (rc < 0)
		printf("%s: denied %s\n", what, strerrorname_np(errno));
	else
		printf("%s: ALLOWED\n", what);
	return 0;
}

static void *spin_thread(void *arg) { (void)arg; for (;;) ; return NULL; }
static void *sleep_thread(void *arg) { (void)arg; pause(); return NULL; }
static int recurse(int n) { volatile char pad[256]; pad[0] = (char)n; return recurse(n + 1) + pad[0]; }

static int mode_threads(int n)
{
	pthread_t t;
	for (int i = 0; i < n; i++)
		if (pthread_create(&t, NULL, spin_thread, NULL) != 0)
			return 2;
	pause();
	return 0;
}

static int mode_threadbomb(void)
{
	pthread_t t;
	long made = 0;
	while (pthread_create(&t, NULL, sleep_thread, NULL) == 0)
		made++;
	printf("threads: %ld then %s\n", made, strerror(errno));
	fflush(stdout);
	pause();
	return 0;
}

static int mode_bigfile(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return report("open", -1);
	static char block[1 << 20];
	memset(block, 'x', sizeof block);
	signal(SIGXFSZ, SIG_IGN);
	long long total = 0;
	for (int i = 0; i < 1024; i++) {
		ssize_t w = write(fd, block, sizeof block);
		if (w <= 0) {
			printf("wrote %lld bytes then %s\n", total, w < 0 ? strerrorname_np(errno) : "0");
			return 0;
		}
		total += w;
	}
	printf("wrote %lld bytes: ALLOWED\n", total);
	return 0;
}

static int mode_manyfiles(const char *dir)
{
	char name[256];
	for (int i = 0; i < 100000; i++) {
		snprintf(name, sizeof name, "%s/f%d", dir, i);
		int fd = open(name, O_WRONLY | O_CREAT, 0644);
		if (fd < 0) {
			printf("created %d files then %s\n", i, strerrorname_np(errno));
			return 0;
		}
		close(fd);
	}
	printf("created 100000 files: ALLOWED\n");
	return 0;
}

static int mode_daemon(void)
{
	pid_t p = fork();
	if (p == 0) {
		setsid();
		if (fork() == 0) {
			for (;;)
				sleep(1);
		}
		_exit(0);
	}
	waitpid(p, NULL, 0);
	printf("daemonized\n");
	return 0;
}

static int mode_read(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return report(path, -1);
	char buf[64];
	ssize_t n = read(fd, buf, sizeof buf);
	printf("%s: %s\n", path, n >= 0 ? "READABLE" : "unreadable");
	return 0;
}

static int mode_list(const char *path)
{
	DIR *d = opendir(path);
	if (!d)
		return report(path, -1);
	struct dirent *e;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			printf("%s/%s\n", path, e->d_name);
	closedir(d);
	return 0;
}

static int mode_tcp(const char *host, int port)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0)
		return report("tcp socket", -1);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	inet_pton(AF_INET, host, &a.sin_addr);
	return report("tcp connect", connect(s, (struct sockaddr *)&a, sizeof a));
}

static int mode_udp(const char *host, int port)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	if (s < 0)
		return report("udp socket", -1);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	inet_pton(AF_INET, host, &a.sin_addr);
	return report("udp sendto", sendto(s, "x", 1, 0, (struct sockaddr *)&a, sizeof a));
}

static int mode_dns(void)
{
	struct addrinfo *res;
	int rc = getaddrinfo("example.com", "80", NULL, &res);
	printf("dns: %s\n", rc == 0 ? "ALLOWED" : "denied");
	return 0;
}

static int mode_socket(const char *family)
{
	int f = !strcmp(family, "raw") ? AF_INET : !strcmp(family, "packet") ? AF_PACKET
		: !strcmp(family, "alg") ? AF_ALG : !strcmp(family, "vsock") ? AF_VSOCK
		: !strcmp(family, "netlink") ? AF_NETLINK : !strcmp(family, "inet6") ? AF_INET6 : AF_UNIX;
	int type = !strcmp(family, "raw") || !strcmp(family, "packet") ? SOCK_RAW
		: !strcmp(family, "alg") ? SOCK_SEQPACKET : !strcmp(family, "netlink") ? SOCK_RAW : SOCK_STREAM;
	return report(family, socket(f, type, 0));
}

static int mode_syscall(const char *name)
{
	long rc;
	if (!strcmp(name, "mount"))
		rc = mount("none", "/tmp", "tmpfs", 0, NULL);
	else if (!strcmp(name, "unshare"))
		rc = unshare(CLONE_NEWUSER);
	else if (!strcmp(name, "setns"))
		rc = setns(0, 0);
	else if (!strcmp(name, "ptrace"))
		rc = syscall(SYS_ptrace, 0 /* PTRACE_TRACEME */, 0, 0, 0);
	else if (!strcmp(name, "keyctl"))
		rc = syscall(SYS_keyctl, 0 /* KEYCTL_GET_KEYRING_ID */, -3, 0);
	else if (!strcmp(name, "bpf"))
		rc = syscall(SYS_bpf, 0, NULL, 0);
	else if (!strcmp(name, "io_uring_setup"))
		rc = syscall(SYS_io_uring_setup, 1, NULL);
	else if (!strcmp(name, "userfaultfd"))
		rc = syscall(SYS_userfaultfd, 0);
	else if (!strcmp(name, "perf_event_open")) {
		struct perf_event_attr attr = { .type = PERF_TYPE_SOFTWARE, .size = sizeof attr, .config = PERF_COUNT_SW_CPU_CLOCK };
		rc = syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
	} else if (!strcmp(name, "clone_newns"))
		rc = syscall(SYS_clone, CLONE_NEWNS | SIGCHLD, 0, 0, 0, 0);
	else if (!strcmp(name, "clone3"))
		rc = syscall(SYS_clone3, NULL, 0);
	else if (!strcmp(name, "personality"))
		rc = personality(0xffffffff);
	else if (!strcmp(name, "chroot"))
		rc = chroot("/tmp");
	else {
		printf("unknown syscall mode %s\n", name);
		return 2;
	}
	return report(name, rc);
}

static int mode_int80(void)
{
	long ret;
	/* getpid through the 32-bit entry point: a different syscall table. */
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(20) : "memory");
	printf("int80: ALLOWED %ld\n", ret);
	return 0;
}

static int mode_tiocsti(void)
{
	char c = 'x';
	return report("TIOCSTI", ioctl(0, TIOCSTI, &c));
}

/* Which signals are ignored and which blocked, as the program found them at start. */
static int mode_sigstate(void)
{
	sigset_t blocked;
	if (sigprocmask(SIG_BLOCK, NULL, &blocked) < 0)
		return 3;
	char ign[512] = "", blk[512] = "";
	for (int sig = 1; sig < 65; sig++) {
		struct sigaction sa;
		char name[16];
		snprintf(name, sizeof name, " %d", sig);
		if (sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
			strcat(ign, name);
		if (sigismember(&blocked, sig) == 1)
			strcat(blk, name);
	}
	printf("ignored:%s\nblocked:%s\n", *ign ? ign : " none", *blk ? blk : " none");
	return 0;
}

/* Write to a pipe nobody reads: a normal program dies by SIGPIPE here. */
static int mode_sigpipe(void)
{
	int p[2];
	if (pipe(p) < 0 || close(p[0]) < 0)
		return 3;
	ssize_t n = write(p[1], "x", 1);
	printf("write to a closed pipe: %s (SIGPIPE is ignored)\n", n < 0 ? strerrorname_np(errno) : "returned");
	return 0;
}

/* flock on FILE opened read-only: "hold" keeps an exclusive lock for a while, "try" reports whether
 * someone else holds one, "within" shows a lock excluding another process of the same box. */
static int mode_flock(const char *how, const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		printf("open %s: %s\n", path, strerrorname_np(errno));
		return 3;
	}
	if (!strcmp(how, "hold")) {
		if (flock(fd, LOCK_EX) < 0)
			return report("flock", -1);
		printf("locked\n");
		sleep(3);
		return 0;
	}
	if (!strcmp(how, "try")) {
		int rc = flock(fd, LOCK_EX | LOCK_NB);
		printf("%s\n", rc == 0 ? "free" : errno == EWOULDBLOCK ? "busy" : strerrorname_np(errno));
		return 0;
	}
	if (flock(fd, LOCK_EX) < 0)
		return report("flock", -1);
	pid_t child = fork();
	if (child == 0) {
		int again = open(path, O_RDONLY);
		int rc = flock(again, LOCK_EX | LOCK_NB);
		printf("second process: %s\n", rc == 0 ? "got the lock too" : errno == EWOULDBLOCK ? "excluded" : strerrorname_np(errno));
		_exit(0);
	}
	waitpid(child, NULL, 0);
	return 0;
}

/* On the host: start argv[2...] with SIGUSR1 blocked and SIGUSR2 ignored, as a careless caller might. */
static int mode_exec_masked(char **argv)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0 || signal(SIGUSR2, SIG_IGN) == SIG_ERR)
		return 3;
	execv(argv[0], argv);
	perror("execv");
	return 3;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	const char *m = argc > 1 ? argv[1] : "hello";
	const char *a = argc > 2 ? argv[2] : "";
	const char *b = argc > 3 ? argv[3] : "0";
	if (!strcmp(m, "hello")) { printf("hello\n"); return 0; }
	if (!strcmp(m, "exit")) return atoi(a);
	if (!strcmp(m, "spin")) for (;;) ;
	if (!strcmp(m, "sleep")) { pause(); return 0; }
	if (!strcmp(m, "threads")) return mode_threads(atoi(a));
	if (!strcmp(m, "malloc")) for (;;) { char *p = malloc(1 << 20); if (!p) { puts("malloc failed"); return 3; } memset(p, 1, 1 << 20); }
	if (!strcmp(m, "forkbomb")) { for (;;) fork(); }
	if (!strcmp(m, "threadbomb")) return mode_threadbomb();
	if (!strcmp(m, "recurse")) return recurse(0);
	if (!strcmp(m, "bigfile")) return mode_bigfile(a);
	if (!strcmp(m, "manyfiles")) return mode_manyfiles(a);
	if (!strcmp(m, "flood")) { static char buf[65536]; memset(buf, 'y', sizeof buf); for (;;) if (write(1, buf, sizeof buf) < 0) return 3; }
	if (!strcmp(m, "daemon")) return mode_daemon();
	if (!strcmp(m, "killall")) { report("kill(-1)", kill(-1, SIGKILL)); return 0; }
	if (!strcmp(m, "read")) return mode_read(a);
	if (!strcmp(m, "write")) { int fd = open(a, O_WRONLY | O_CREAT, 0644); return report(a, fd); }
	if (!strcmp(m, "list")) return mode_list(a);
	if (!strcmp(m, "tcp")) return mode_tcp(a, atoi(b));
	if (!strcmp(m, "udp")) return mode_udp(a, atoi(b));
	if (!strcmp(m, "dns")) return mode_dns();
	if (!strcmp(m, "socket")) return mode_socket(a);
	if (!strcmp(m, "syscall")) return mode_syscall(a);
	if (!strcmp(m, "x32")) { long r = syscall(0x40000000 | 39); printf("x32: ALLOWED %ld\n", r); return 0; }
	if (!strcmp(m, "int80")) return mode_int80();
	if (!strcmp(m, "tiocsti")) return mode_tiocsti();
	if (!strcmp(m, "env")) { for (char **e = environ; *e; e++) puts(*e); return 0; }
	if (!strcmp(m, "binary")) { static const char bytes[] = { 0, 1, 2, (char)0xff, (char)0xfe, '\n' }; fwrite(bytes, 1, sizeof bytes, stdout); return 0; }
	if (!strcmp(m, "echo")) { int c; while ((c = getchar()) != EOF) putchar(c); return 0; }
	if (!strcmp(m, "ignore-stdin")) { printf("not reading\n"); return 0; }
	if (!strcmp(m, "sigstate")) return mode_sigstate();
	if (!strcmp(m, "flock") && argc > 3) return mode_flock(a, argv[3]);
	if (!strcmp(m, "sigpipe")) return mode_sigpipe();
	if (!strcmp(m, "exec-masked") && argc > 2) return mode_exec_masked(argv + 2);
	if (!strcmp(m, "leave")) {
		const char *paths[] = { "/tmp/leftover", "/dev/shm/leftover", "/box/leftover" };
		for (int i = 0; i < 3; i++) report(paths[i], open(paths[i], O_WRONLY | O_CREAT, 0666));
		return 0;
	}
	printf("unknown mode %s\n", m);
	return 2;
}
