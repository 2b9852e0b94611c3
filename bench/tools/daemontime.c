/*
 * daemontime [-o TEXT] N SOCKET ARGS...: ask an `airlock-sandbox --serve`
 * daemon for N boxes, one after the other, and print each one's wall time in
 * microseconds: connect, send the arguments ('A'), no files ('G'), an empty
 * stdin ('I'), read the output ('O', 'E') until the result record ('R'), the
 * last frame, sent before the box is torn down (docs/launcher-protocol.md).
 * Then `total US`.
 *
 * Every box is checked, because a timing of a box that failed measures
 * nothing: its record must be complete and say status=OK, exit_code=0 and
 * launcher_exit=0; its stdout must be exactly TEXT (default: nothing) and its
 * stderr empty. Any other box stops the loop with a message naming it, the
 * record and the output, and exit status 1.
 *
 * -p MS: sleep MS milliseconds before each box (not timed): a box after a pause, as a
 * sporadic request meets the machine, not one of a back-to-back stream.
 *
 * -s A,B,...: take the boxes' slots in turn from the list (the value after
 * --slot in ARGS is replaced), as a service with that many slots does: the
 * launcher reports a box before tearing it down and keeps its slot until the
 * teardown is done, so one slot alone would time the teardown as well.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define CAP 65536

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

static int read_exact(int fd, char *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, buf + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return 0;
		got += (size_t)r;
	}
	return 1;
}

struct box {
	char out[CAP], err[CAP], rec[CAP + 1];
	size_t olen, elen, rlen;
	int has_record;
};

/* Read frames up to the result record; returns a problem or NULL. */
static const char *read_box(int s, struct box *b)
{
	char head[5];
	static char payload[CAP];
	while (read_exact(s, head, 5)) {
		uint32_t len;
		memcpy(&len, head + 1, 4);
		if (len > CAP)
			return "a frame longer than 65536 bytes";
		if (!read_exact(s, payload, len))
			return "the connection closed inside a frame";
		char *dst = head[0] == 'O' ? b->out : head[0] == 'E' ? b->err : head[0] == 'R' ? b->rec : NULL;
		size_t *dlen = head[0] == 'O' ? &b->olen : head[0] == 'E' ? &b->elen : &b->rlen;
		if (!dst)
			return "an unknown frame type";
		size_t room = CAP - *dlen, n = len < room ? len : room;
		memcpy(dst + *dlen, payload, n);
		*dlen += n;
		if (head[0] == 'R') {
			/* The box's last word: its client (the service) has the result now. */
			b->has_record = 1;
			b->rec[b->rlen] = 0;
			return NULL;
		}
	}
	return b->has_record ? NULL : "the daemon closed the connection without a result record";
}

/* A record's `key=value` line, exactly. */
static int has_line(const struct box *b, const char *line)
{
	size_t l = strlen(line);
	if (b->rlen >= l + 1 && strncmp(b->rec, line, l) == 0 && b->rec[l] == '\n')
		return 1;
	char needle[128];
	snprintf(needle, sizeof needle, "\n%s\n", line);
	return memmem(b->rec, b->rlen, needle, strlen(needle)) != NULL;
}

static const char *check(const struct box *b, const char *expect)
{
	if (!has_line(b, "end"))
		return "the record has no \"end\" line";
	if (!has_line(b, "status=OK"))
		return "status is not OK";
	if (!has_line(b, "exit_code=0"))
		return "exit_code is not 0";
	if (!has_line(b, "launcher_exit=0"))
		return "launcher_exit is not 0";
	if (b->olen != strlen(expect) || memcmp(b->out, expect, b->olen))
		return "stdout is not the expected output";
	if (b->elen)
		return "the program wrote to stderr";
	return NULL;
}

int main(int argc, char **argv)
{
	const char *expect = "";
	char *slots[8];
	int nslots = 0, opt, pause_ms = 0;
	while ((opt = getopt(argc, argv, "+o:p:s:")) != -1) {
		if (opt == 'o')
			expect = optarg;
		else if (opt == 'p')
			pause_ms = atoi(optarg);
		else if (opt == 's')
			for (char *t = strtok(optarg, ","); t && nslots < 8; t = strtok(NULL, ","))
				slots[nslots++] = t;
		else
			return 2;
	}
	if (argc - optind < 3) {
		fprintf(stderr, "usage: daemontime [-o TEXT] [-p MS] [-s SLOT,SLOT...] N SOCKET ARGS...\n");
		return 2;
	}
	int n = atoi(argv[optind]);
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	snprintf(addr.sun_path, sizeof addr.sun_path, "%s", argv[optind + 1]);
	if (nslots == 0)
		nslots = 1, slots[0] = NULL;
	static char args[CAP], reqs[8][CAP + 32];
	size_t rlens[8] = { 0 };
	for (int k = 0; k < nslots; k++) {
		uint32_t alen = 0;
		for (int i = optind + 2; i < argc; i++) {
			const char *a = slots[k] && i > optind + 2 && strcmp(argv[i - 1], "--slot") == 0 ? slots[k] : argv[i];
			size_t l = strlen(a) + 1;
			if (alen + l > sizeof args) {
				fprintf(stderr, "daemontime: arguments too long\n");
				return 2;
			}
			memcpy(args + alen, a, l);
			alen += (uint32_t)l;
		}
		put_frame(reqs[k], &rlens[k], 'A', args, alen); /* each argument with its NUL */
		put_frame(reqs[k], &rlens[k], 'G', "", 0);
		put_frame(reqs[k], &rlens[k], 'I', "", 0);
	}
	const char *label = argv[optind + 2];
	for (int i = optind + 2; i + 1 < argc; i++)
		if (strcmp(argv[i], "--") == 0)
			label = argv[i + 1];
	static struct box b;
	long long start = now_ns();
	for (int i = 0; i < n; i++) {
		struct timespec pause = { pause_ms / 1000, (pause_ms % 1000) * 1000000L };
		if (pause_ms > 0 && nanosleep(&pause, NULL) < 0) {
			fprintf(stderr, "daemontime: nanosleep: %s\n", strerror(errno));
			return 1;
		}
		long long t0 = now_ns();
		const char *req = reqs[i % nslots];
		size_t rlen = rlens[i % nslots];
		int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (s < 0 || connect(s, (struct sockaddr *)&addr, sizeof addr) < 0 || write(s, req, rlen) != (ssize_t)rlen) {
			fprintf(stderr, "daemontime: box %d: connect to %s: %s\n", i, addr.sun_path, strerror(errno));
			return 1;
		}
		memset(&b, 0, sizeof b);
		const char *problem = read_box(s, &b);
		close(s);
		long long t1 = now_ns();
		if (!problem)
			problem = check(&b, expect);
		if (problem) {
			fprintf(stderr, "daemontime: box %d of %s: %s\n--- record ---\n%s\n--- stdout (%zu bytes) ---\n%.*s\n--- stderr (%zu bytes) ---\n%.*s\n",
				i, label, problem, b.rec, b.olen, (int)b.olen, b.out, b.elen, (int)b.elen, b.err);
			return 1;
		}
		printf("%lld\n", (t1 - t0) / 1000);
	}
	printf("total %lld\n", (now_ns() - start) / 1000);
	return 0;
}
