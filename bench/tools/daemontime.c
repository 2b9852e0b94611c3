/*
 * daemontime N SOCKET ARGS...: ask an airlock-sandbox --serve daemon for N
 * boxes, one after the other, and print each one's wall time in microseconds
 * (connect, send the arguments and an empty stdin, read until the result).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void put_frame(char *buf, size_t *len, char type, const char *data, uint32_t n)
{
	buf[*len] = type;
	memcpy(buf + *len + 1, &n, 4);
	memcpy(buf + *len + 5, data, n);
	*len += 5 + n;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: daemontime N SOCKET ARGS...\n");
		return 2;
	}
	int n = atoi(argv[1]);
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	snprintf(addr.sun_path, sizeof addr.sun_path, "%s", argv[2]);
	char args[8192];
	uint32_t alen = 0;
	for (int i = 3; i < argc; i++) {
		size_t l = strlen(argv[i]) + 1;
		memcpy(args + alen, argv[i], l);
		alen += (uint32_t)l;
	}
	char req[8300];
	size_t rlen = 0;
	put_frame(req, &rlen, 'A', args, alen - 1);
	put_frame(req, &rlen, 'I', "", 0);
	for (int i = 0; i < n; i++) {
		long long t0 = now_ns();
		int s = socket(AF_UNIX, SOCK_STREAM, 0);
		if (s < 0 || connect(s, (struct sockaddr *)&addr, sizeof addr) < 0 || write(s, req, rlen) != (ssize_t)rlen) {
			perror("daemontime: connect");
			return 1;
		}
		char buf[65536];
		int saw_result = 0;
		ssize_t r;
		while ((r = read(s, buf, sizeof buf)) > 0)
			if (memchr(buf, 'R', (size_t)r))
				saw_result = 1;
		close(s);
		if (!saw_result) {
			fprintf(stderr, "daemontime: no result\n");
			return 1;
		}
		printf("%lld\n", (now_ns() - t0) / 1000);
	}
	return 0;
}
