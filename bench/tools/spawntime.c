/*
 * spawntime N COMMAND [ARGS...]: fork+exec COMMAND N times, one after the
 * other, and print each run's wall time and CPU time (user + system of it and
 * the descendants it waited for) in microseconds, one run per line. The same
 * loop times every variant, so their differences are the variants'. CPU time
 * drifts less than wall time on a shared machine.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0) {
		perror("clock_gettime");
		exit(1);
	}
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: spawntime N COMMAND [ARGS...]\n");
		return 2;
	}
	int n = atoi(argv[1]);
	int null = open("/dev/null", O_RDWR);
	if (null < 0) {
		perror("/dev/null");
		return 1;
	}
	for (int i = 0; i < n; i++) {
		long long t0 = now_ns();
		pid_t pid = fork();
		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0) {
			if (dup2(null, 0) < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0)
				_exit(126);
			execv(argv[2], argv + 2);
			_exit(127);
		}
		int st;
		struct rusage ru;
		if (wait4(pid, &st, 0, &ru) < 0) {
			perror("waitpid");
			return 1;
		}
		long long t1 = now_ns();
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			fprintf(stderr, "spawntime: %s failed (status %d)\n", argv[2], st);
			return 1;
		}
		long long cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000LL + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
		printf("%lld %lld\n", (t1 - t0) / 1000, cpu);
	}
	return 0;
}
