/* What a program sees of its terminal, for test/sandbox/tty.test.ts: one mode per question. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A C prompt as people write it: no newline, no fflush. On a terminal stdout is line-buffered and
 * glibc flushes it before reading stdin; on a pipe it waits in the buffer until the program ends. */
static int prompt(void)
{
	int a, b;
	printf("a b? ");
	if (scanf("%d %d", &a, &b) != 2)
		return 1;
	printf("%d\n", a + b);
	return 0;
}

static int info(void)
{
	printf("isatty %d %d %d\n", isatty(0), isatty(1), isatty(2));
	const char *name = ttyname(0);
	printf("ttyname %s\n", name ? name : strerrorname_np(errno));
	struct winsize ws = { 0 };
	if (ioctl(0, TIOCGWINSZ, &ws) == 0)
		printf("size %ux%u\n", ws.ws_col, ws.ws_row);
	printf("session leader %d foreground %d\n", getsid(0) == getpid(), tcgetpgrp(0) == getpgrp());
	/* /dev/tty is 5:0 itself; TIOCGDEV names the terminal behind it. */
	int tty = open("/dev/tty", O_RDWR);
	unsigned int dev = 0;
	struct stat own;
	if (tty < 0)
		printf("/dev/tty %s\n", strerrorname_np(errno));
	else if (ioctl(tty, TIOCGDEV, &dev) == 0 && fstat(0, &own) == 0)
		printf("/dev/tty %s\n", dev == own.st_rdev ? "is fd 0" : "is another terminal");
	DIR *d = opendir("/dev/pts");
	printf("/dev/pts");
	if (!d)
		printf(" %s", strerrorname_np(errno));
	for (struct dirent *e; d && (e = readdir(d));)
		if (e->d_name[0] != '.')
			printf(" %s", e->d_name);
	printf("\n");
	printf("/dev/ptmx %s\n", access("/dev/ptmx", F_OK) == 0 ? "exists" : strerrorname_np(errno));
	const char *term = getenv("TERM");
	printf("TERM %s\n", term ? term : "unset");
	fprintf(stderr, "to stderr\n");
	return 0;
}

/* Prints its size, then again after each SIGWINCH, until it has seen `n` of them. */
static int winch(int n)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGWINCH);
	sigprocmask(SIG_BLOCK, &set, NULL);
	for (int i = 0;; i++) {
		struct winsize ws = { 0 };
		ioctl(0, TIOCGWINSZ, &ws);
		printf("size %ux%u\n", ws.ws_col, ws.ws_row);
		fflush(stdout);
		if (i == n)
			return 0;
		struct timespec t = { 10, 0 };
		if (sigtimedwait(&set, NULL, &t) < 0)
			return 3;
	}
}

/* Reads to end of input: on a terminal that is ^D at the start of a line. */
static int count(void)
{
	char buf[4096];
	size_t total = 0;
	ssize_t n;
	while ((n = read(0, buf, sizeof buf)) > 0)
		total += (size_t)n;
	printf("read %zu bytes then %s\n", total, n == 0 ? "EOF" : strerrorname_np(errno));
	return 0;
}

/* Lists /dev/pts, then waits for a line: two boxes listing at once see only their own pty. */
static int pts(void)
{
	DIR *d = opendir("/dev/pts");
	printf("pts");
	for (struct dirent *e; d && (e = readdir(d));)
		if (e->d_name[0] != '.')
			printf(" %s", e->d_name);
	printf("\n");
	fflush(stdout);
	char line[16];
	return fgets(line, sizeof line, stdin) ? 0 : 1;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	if (!strcmp(mode, "prompt"))
		return prompt();
	if (!strcmp(mode, "info"))
		return info();
	if (!strcmp(mode, "winch"))
		return winch(argc > 2 ? argv[2][0] - '0' : 1);
	if (!strcmp(mode, "count"))
		return count();
	if (!strcmp(mode, "pts"))
		return pts();
	if (!strcmp(mode, "colour")) {
		printf("\033[31mred\033[0m and\rback\n");
		return 0;
	}
	fprintf(stderr, "unknown mode %s\n", mode);
	return 2;
}
