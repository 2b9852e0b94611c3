/*
 * What the bench's C timing tools share: their failure exit, the clock, and
 * reading a whole file. Each tool is one .c file compiled alone (bench/lib.ts
 * tool()), so these are static and TOOL names the tool in messages.
 */
#ifndef BENCH_TOOL_H
#define BENCH_TOOL_H

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Print "TOOL: message" and exit 1: the bench turns that into a BAD SAMPLE naming the run. */
static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs(TOOL ": ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static long long now_ns(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		fail("clock_gettime: %s", strerror(errno));
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The whole file, NUL-terminated; its length in *len. */
static char *slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0)
		fail("%s: %s", path, strerror(errno));
	char *buf = malloc((size_t)st.st_size + 1);
	if (!buf)
		fail("out of memory");
	ssize_t got = 0, r;
	while (got < st.st_size && (r = read(fd, buf + got, (size_t)(st.st_size - got))) > 0)
		got += r;
	if (got != st.st_size)
		fail("%s: short read", path);
	buf[got] = 0;
	close(fd);
	*len = (size_t)got;
	return buf;
}

/*
 * Run work(w) in `workers` processes at once (in this one when there is one), wait for them all,
 * then print `total US` since t0 (the wall time of all the runs). A worker that failed has said why.
 */
static void run_workers(int workers, long long t0, void (*work)(int w))
{
	if (workers < 1 || workers > 256)
		fail("1 to 256 at a time");
	pid_t pids[256];
	for (int w = 0; w < workers; w++) {
		pids[w] = workers == 1 ? 0 : fork();
		if (pids[w] < 0)
			fail("fork: %s", strerror(errno));
		if (pids[w] == 0) {
			work(w);
			if (workers > 1)
				exit(0);
		}
	}
	int failed = 0;
	for (int w = 0; workers > 1 && w < workers; w++) {
		int st;
		if (waitpid(pids[w], &st, 0) < 0)
			fail("waitpid: %s", strerror(errno));
		failed |= !WIFEXITED(st) || WEXITSTATUS(st) != 0;
	}
	if (failed)
		fail("a worker failed (its message is above)");
	dprintf(1, "total %lld\n", (now_ns() - t0) / 1000);
}

#endif
