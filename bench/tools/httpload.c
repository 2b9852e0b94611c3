/*
 * httpload [OPTIONS] N URL BODYFILE: POST BODYFILE to URL N times over
 * kept-alive HTTP/1.1 connections and print each request's wall time in
 * microseconds, one per line, then `total US` (spawntime's format). The
 * service bench's load generator: a client in Node cost about 1.5 ms of CPU
 * per request, taken from the two cores the service and its boxes share, so
 * the bench measured its own client as much as the service.
 *
 * Every answer is checked, because a timing of a request that failed measures
 * nothing: status 200, a complete body (Content-Length or chunked), and in
 * the body's "result" object "status":"OK", "exitCode":0 and "stdout" equal to
 * TEXT (JSON-escaped). Any other answer stops the run with a message naming
 * the request, with the answer, and exit status 1.
 *
 *   -c C       C connections at a time (C worker processes; requests shared out)
 *   -o TEXT    the expected stdout of each run (default: nothing)
 *   -H LINE    an extra request header line ("Name: value"; repeatable)
 */
#define _GNU_SOURCE
#define TOOL "httpload"
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tool.h"

#define CAP (4 << 20)

/* "stdout":"TEXT" with TEXT escaped as JSON.stringify escapes it. */
static char *stdout_field(const char *text)
{
	size_t n = strlen(text);
	char *out = malloc(n * 6 + 16), *p = out;
	if (!out)
		fail("out of memory");
	p += sprintf(p, "\"stdout\":\"");
	for (const unsigned char *s = (const unsigned char *)text; *s; s++) {
		if (*s == '"' || *s == '\\')
			*p++ = '\\', *p++ = (char)*s;
		else if (*s == '\n')
			*p++ = '\\', *p++ = 'n';
		else if (*s == '\t')
			*p++ = '\\', *p++ = 't';
		else if (*s == '\r')
			*p++ = '\\', *p++ = 'r';
		else if (*s < 0x20)
			p += sprintf(p, "\\u%04x", *s);
		else
			*p++ = (char)*s;
	}
	*p++ = '"';
	*p = 0;
	return out;
}

/* A field that is the whole value: followed by ',' or '}' (so "exitCode":0 is not "exitCode":01). */
static int has_field(const char *body, size_t len, const char *field)
{
	size_t n = strlen(field);
	for (const char *p = body; (p = memmem(p, len - (size_t)(p - body), field, n)); p += n)
		if (p[n] == ',' || p[n] == '}')
			return 1;
	return 0;
}

struct conn {
	int fd;
	struct sockaddr_in addr;
	char buf[CAP + 1]; /* NUL-terminated at len: the header searches stop there */
	size_t len;        /* bytes in buf */
};

static void connect_to(struct conn *c)
{
	c->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (c->fd < 0)
		fail("socket: %s", strerror(errno));
	int one = 1;
	if (setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) < 0)
		fail("setsockopt: %s", strerror(errno));
	if (connect(c->fd, (struct sockaddr *)&c->addr, sizeof c->addr) < 0)
		fail("connect: %s", strerror(errno));
	c->len = 0;
}

/* Read more into c->buf; 0 when the server closed the connection. */
static int fill(struct conn *c)
{
	if (c->len == CAP)
		fail("an answer larger than %d bytes", CAP);
	ssize_t r;
	do
		r = read(c->fd, c->buf + c->len, CAP - c->len);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		fail("read: %s", strerror(errno));
	c->len += (size_t)r;
	c->buf[c->len] = 0;
	return r > 0;
}

/* Decode a chunked body in place from `at`; its length, or -1 while it is incomplete (nothing moved then). */
static long dechunk(char *at, size_t avail)
{
	size_t in = 0;
	for (;;) { /* first only check that every chunk and the last, empty one are here */
		char *eol = memmem(at + in, avail - in, "\r\n", 2);
		if (!eol)
			return -1;
		unsigned long size = strtoul(at + in, NULL, 16);
		size_t start = (size_t)(eol - at) + 2;
		if (avail - start < size + 2)
			return -1;
		in = start + size + 2;
		if (size == 0)
			break;
	}
	size_t out = 0;
	for (in = 0;;) {
		char *eol = memmem(at + in, avail - in, "\r\n", 2);
		unsigned long size = strtoul(at + in, NULL, 16);
		size_t start = (size_t)(eol - at) + 2;
		memmove(at + out, at + start, size);
		out += size;
		in = start + size + 2;
		if (size == 0)
			return (long)out;
	}
}

/*
 * One answer from c: its status and body (in c->buf, NUL-terminated). Keeps any bytes after it
 * (none, with one request at a time). 0 when the connection closed before an answer began.
 */
static int read_answer(struct conn *c, int *status, char **body, size_t *body_len)
{
	char *end;
	while (!(end = memmem(c->buf, c->len, "\r\n\r\n", 4)))
		if (!fill(c)) {
			if (c->len == 0)
				return 0;
			fail("the connection closed in an answer's headers");
		}
	size_t head = (size_t)(end - c->buf) + 4;
	if (sscanf(c->buf, "HTTP/1.1 %d", status) != 1)
		fail("not an HTTP/1.1 answer: %.80s", c->buf);
	char *h = strcasestr(c->buf, "\r\ncontent-length:");
	char *te = strcasestr(c->buf, "\r\ntransfer-encoding: chunked");
	bool chunked = te && te < end;
	if (h && h < end && !chunked) {
		size_t n = strtoul(h + 17, NULL, 10);
		if (head + n >= CAP)
			fail("an answer larger than %d bytes", CAP);
		while (c->len < head + n)
			if (!fill(c))
				fail("the connection closed in an answer's body");
		*body = c->buf + head;
		*body_len = n;
	} else if (chunked) {
		long n;
		while ((n = dechunk(c->buf + head, c->len - head)) < 0)
			if (!fill(c))
				fail("the connection closed in a chunked body");
		*body = c->buf + head;
		*body_len = (size_t)n;
	} else {
		fail("an answer with neither Content-Length nor chunked encoding");
	}
	(*body)[*body_len] = 0;
	c->len = 0;
	return 1;
}

static void write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			fail("write: %s", strerror(errno));
		p += w, n -= (size_t)w;
	}
}

/* Why an answer is not a good run, or NULL. */
static const char *answer_problem(int status, const char *body, size_t len, const char *want_stdout)
{
	if (status != 200)
		return "HTTP status is not 200";
	const char *result = memmem(body, len, "\"result\":{", 10);
	if (!result)
		return "no \"result\" object";
	size_t rest = len - (size_t)(result - body);
	if (!has_field(result, rest, "\"status\":\"OK\""))
		return "result.status is not OK";
	if (!has_field(result, rest, "\"exitCode\":0"))
		return "result.exitCode is not 0";
	if (!has_field(result, rest, want_stdout))
		return "result.stdout is not the expected output";
	return NULL;
}

/* The requests to make, shared by the workers. */
static struct {
	int workers, n;
	const char *request, *want_stdout;
	size_t request_len;
} job;
static struct conn conn;

/* Requests w, w + C, w + 2C, ... on one kept-alive connection (reopened if the server closes it). */
static void worker(int w)
{
	struct conn *c = &conn;
	connect_to(c);
	for (int i = w; i < job.n; i += job.workers) {
		long long t0 = now_ns();
		int status;
		char *body;
		size_t body_len;
		write_all(c->fd, job.request, job.request_len);
		if (!read_answer(c, &status, &body, &body_len)) {
			/* Closed between requests (keep-alive timeout): once more on a new connection. */
			close(c->fd);
			connect_to(c);
			write_all(c->fd, job.request, job.request_len);
			if (!read_answer(c, &status, &body, &body_len))
				fail("request %d: the server closed a new connection without answering", i);
		}
		long long t1 = now_ns();
		const char *problem = answer_problem(status, body, body_len, job.want_stdout);
		if (problem) {
			fprintf(stderr, "httpload: request %d: %s (status %d)\n--- body (%zu bytes) ---\n%.*s\n", i, problem, status,
				body_len, (int)(body_len > 2000 ? 2000 : body_len), body);
			exit(1);
		}
		dprintf(1, "%lld\n", (t1 - t0) / 1000); /* one write per line: the workers share stdout */
	}
	close(c->fd);
}

int main(int argc, char **argv)
{
	int workers = 1, opt;
	const char *expect = "";
	char headers[8192] = "";
	size_t hlen = 0;
	while ((opt = getopt(argc, argv, "+c:o:H:")) != -1) {
		switch (opt) {
		case 'c': workers = atoi(optarg); break;
		case 'o': expect = optarg; break;
		case 'H': {
			int k = snprintf(headers + hlen, sizeof headers - hlen, "%s\r\n", optarg);
			if (k < 0 || (size_t)k >= sizeof headers - hlen)
				fail("headers too long");
			hlen += (size_t)k;
			break;
		}
		default: return 2;
		}
	}
	if (argc - optind != 3 || workers < 1 || workers > 256) {
		fprintf(stderr, "usage: httpload [-c C (1-256)] [-o TEXT] [-H LINE]... N http://IPV4:PORT/PATH BODYFILE\n");
		return 2;
	}
	int n = atoi(argv[optind]);
	char host[64], path[1024];
	int port;
	if (sscanf(argv[optind + 1], "http://%63[0-9.]:%d%1023s", host, &port, path) != 3)
		fail("%s: give http://IPV4:PORT/PATH", argv[optind + 1]);
	size_t body_len;
	char *body = slurp(argv[optind + 2], &body_len);
	char *request = malloc(body_len + hlen + 1024);
	if (!request)
		fail("out of memory");
	int k = sprintf(request, "POST %s HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n%s\r\n",
			path, host, port, body_len, headers);
	memcpy(request + k, body, body_len);
	size_t request_len = (size_t)k + body_len;
	char *want_stdout = stdout_field(expect);

	conn.addr.sin_family = AF_INET;
	conn.addr.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, host, &conn.addr.sin_addr) != 1)
		fail("%s: not an IPv4 address", host);
	job.workers = workers;
	job.n = n;
	job.request = request;
	job.request_len = request_len;
	job.want_stdout = want_stdout;
	run_workers(workers, now_ns(), worker);
	return 0;
}
