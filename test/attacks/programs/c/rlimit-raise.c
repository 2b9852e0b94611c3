/* Raise our own limits back up, or another process's (init): hard limits only go down without privileges. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

int main(void)
{
	const struct { int res; const char *name; } limits[] = {
		{ RLIMIT_NPROC, "NPROC" }, { RLIMIT_NOFILE, "NOFILE" }, { RLIMIT_FSIZE, "FSIZE" },
		{ RLIMIT_CPU, "CPU" }, { RLIMIT_MEMLOCK, "MEMLOCK" }, { RLIMIT_RTPRIO, "RTPRIO" },
	};
	int escaped = 0;
	for (size_t i = 0; i < sizeof limits / sizeof *limits; i++) {
		struct rlimit r = { RLIM_INFINITY, RLIM_INFINITY };
		if (setrlimit(limits[i].res, &r) == 0) {
			printf("ESCAPED: raised RLIMIT_%s\n", limits[i].name);
			escaped++;
		}
	}
	struct rlimit r = { 1, 1 };
	if (prlimit(1, RLIMIT_NOFILE, &r, 0) == 0) {
		puts("ESCAPED: changed init's limits");
		escaped++;
	}
	if (!escaped)
		puts("contained: limits cannot be raised");
	return 0;
}
