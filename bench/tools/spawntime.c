/*
 * spawntime [OPTIONS] N COMMAND [ARGS...]: fork+exec COMMAND N times and print
 * each run's wall time and CPU time (user + system of it and the descendants
 * it waited for) in microseconds, one run per line, then `total US`: the wall
 * time of all N runs. The same loop times every variant (bare, launcher,
 * bwrap), so their differences are the variants'.
 *
 * Every run is checked, because a timing of a run that failed measures
 * nothing: it must exit 0, print exactly the expected stdout and, unless it
 * is a launcher, nothing on stderr. Any other run stops the loop with a
 * message naming it and exit status 1.
 *
 *   -j P       P runs at a time (P worker processes; the runs are shared out)
 *   -o TEXT    expected stdout (default: nothing)
 *   -r         COMMAND is airlock-sandbox: stderr holds its result record,
 *              which must say status=OK and exit_code=0 and end with `end`
 *   -T FILE    tests: lines "INPUT<TAB>ANSWER"; run i reads INPUT on stdin
 *              and must print exactly ANSWER's bytes (overrides -o)
 *   -e N=V     the environment (repeatable); default: an empty one
 *   -C DIR     working directory of the runs
 *   -p MS      sleep MS milliseconds before each run (not timed): a run after
 *              a pause, as a sporadic request meets the machine
 */
#define _GNU_SOURCE
#define TOOL "spawntime"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tool.h"

#define CAP (1 << 20)
#define MAX_ENV 64

struct test {
	char *input;
	char *answer;
	size_t answer_len;
};

static struct test *tests;
static int ntests;

static void load_tests(const char *path)
{
	size_t len;
	char *text = slurp(path, &len);
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		char *tab = strchr(line, '\t');
		if (!tab)
			fail("%s: a line without a tab", path);
		*tab = 0;
		tests = realloc(tests, sizeof *tests * (size_t)(ntests + 1));
		if (!tests)
			fail("out of memory");
		tests[ntests].input = line;
		tests[ntests].answer = slurp(tab + 1, &tests[ntests].answer_len);
		ntests++;
	}
	if (ntests == 0)
		fail("%s: no tests", path);
}

/* Read both pipes to EOF; keep at most CAP bytes of each. */
static void drain(int out, int err, char *obuf, size_t *olen, char *ebuf, size_t *elen)
{
	struct pollfd p[2] = { { .fd = out, .events = POLLIN }, { .fd = err, .events = POLLIN } };
	char *bufs[2] = { obuf, ebuf };
	size_t *lens[2] = { olen, elen };
	int open_fds = 2;
	while (open_fds > 0) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			fail("poll: %s", strerror(errno));
		}
		for (int k = 0; k < 2; k++) {
			if (p[k].fd < 0 || !p[k].revents)
				continue;
			char tmp[65536];
			ssize_t r = read(p[k].fd, tmp, sizeof tmp);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0) {
				close(p[k].fd);
				p[k].fd = -1;
				open_fds--;
				continue;
			}
			size_t room = CAP - *lens[k];
			size_t n = (size_t)r < room ? (size_t)r : room;
			memcpy(bufs[k] + *lens[k], tmp, n);
			*lens[k] += n;
		}
	}
}

/* A launcher record says the program ran and exited 0. */
static const char *record_problem(const char *rec, size_t len)
{
	if (len == 0 || !memmem(rec, len, "\nend\n", 5))
		return "no complete result record (no \"end\" line)";
	if (strncmp(rec, "status=OK\n", 10) != 0 && !memmem(rec, len, "\nstatus=OK\n", 11))
		return "status is not OK";
	if (!memmem(rec, len, "\nexit_code=0\n", 13))
		return "exit_code is not 0";
	return NULL;
}

static void show(const char *what, const char *buf, size_t len)
{
	fprintf(stderr, "--- %s (%zu bytes) ---\n%.*s\n", what, len, (int)(len > 2000 ? 2000 : len), buf);
}

/* One checked run; prints "wall cpu". */
static void one(int i, char **cmd, char **env, const char *expect, size_t expect_len, int record)
{
	static char obuf[CAP], ebuf[CAP];
	size_t olen = 0, elen = 0;
	const struct test *t = ntests ? &tests[i % ntests] : NULL;
	int out[2], err[2];
	if (pipe2(out, O_CLOEXEC) < 0 || pipe2(err, O_CLOEXEC) < 0)
		fail("pipe: %s", strerror(errno));
	long long t0 = now_ns();
	pid_t pid = fork();
	if (pid < 0)
		fail("fork: %s", strerror(errno));
	if (pid == 0) {
		int in = open(t ? t->input : "/dev/null", O_RDONLY);
		if (in < 0 || dup2(in, 0) < 0 || dup2(out[1], 1) < 0 || dup2(err[1], 2) < 0)
			_exit(126);
		execve(cmd[0], cmd, env);
		_exit(127);
	}
	close(out[1]);
	close(err[1]);
	drain(out[0], err[0], obuf, &olen, ebuf, &elen);
	int st;
	struct rusage ru;
	if (wait4(pid, &st, 0, &ru) < 0)
		fail("wait4: %s", strerror(errno));
	long long t1 = now_ns();
	const char *problem = NULL;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		problem = "it did not exit 0";
	else if (record && (problem = record_problem(ebuf, elen)))
		;
	else if (!record && elen)
		problem = "it wrote to stderr";
	else if (t && (olen != t->answer_len || memcmp(obuf, t->answer, olen)))
		problem = "stdout is not the test's answer";
	else if (!t && (olen != expect_len || memcmp(obuf, expect, olen)))
		problem = "stdout is not the expected output";
	if (problem) {
		fprintf(stderr, "spawntime: run %d of %s%s%s: %s (wait status %d)\n", i, cmd[0], t ? " on " : "", t ? t->input : "", problem, st);
		show("stdout", obuf, olen);
		show("stderr", ebuf, elen);
		exit(1);
	}
	long long cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000LL + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
	/* One write per line: the workers share stdout. */
	dprintf(1, "%lld %lld\n", (t1 - t0) / 1000, cpu);
}

/* The runs to make, shared by the workers. */
static struct {
	int n, jobs, record, pause_ms;
	char **cmd, **env;
	const char *expect;
	size_t expect_len;
} job;

/* Runs w, w + P, w + 2P, ... */
static void worker(int w)
{
	for (int i = w; i < job.n; i += job.jobs) {
		struct timespec pause = { job.pause_ms / 1000, (job.pause_ms % 1000) * 1000000L };
		if (job.pause_ms > 0 && nanosleep(&pause, NULL) < 0)
			fail("nanosleep: %s", strerror(errno));
		one(i, job.cmd, job.env, job.expect, job.expect_len, job.record);
	}
}

int main(int argc, char **argv)
{
	int jobs = 1, record = 0, opt;
	const char *expect = "";
	char *env[MAX_ENV + 1] = { NULL };
	int nenv = 0;
	while ((opt = getopt(argc, argv, "+j:o:rT:e:C:p:")) != -1) {
		switch (opt) {
		case 'p': job.pause_ms = atoi(optarg); break;
		case 'j': jobs = atoi(optarg); break;
		case 'o': expect = optarg; break;
		case 'r': record = 1; break;
		case 'T': load_tests(optarg); break;
		case 'e':
			if (nenv == MAX_ENV)
				fail("too many -e");
			env[nenv++] = optarg;
			break;
		case 'C':
			if (chdir(optarg) < 0)
				fail("%s: %s", optarg, strerror(errno));
			break;
		default: return 2;
		}
	}
	if (argc - optind < 2 || jobs < 1) {
		fprintf(stderr, "usage: spawntime [-j P] [-o TEXT] [-r] [-T FILE] [-e N=V]... [-C DIR] [-p MS] N COMMAND [ARGS...]\n");
		return 2;
	}
	job.n = atoi(argv[optind]);
	job.cmd = argv + optind + 1;
	job.env = env;
	job.expect = expect;
	job.expect_len = strlen(expect);
	job.record = record;
	job.jobs = jobs;
	run_workers(jobs, now_ns(), worker);
	return 0;
}
