/* Helpers shared by every step: die(), checked allocation, small file I/O, parsing. */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum role current_role = ROLE_LAUNCHER;
int child_error_fd = -1;
int die_result_fd = -1;
bool die_result_framed;
void (*die_cleanup)(void);
bool timing_enabled;

void timing(const char *step)
{
	static uint64_t last;
	if (!timing_enabled)
		return;
	uint64_t now = now_us();
	fprintf(stderr, "airlock-sandbox: [%d] %-24s %6llu us\n", (int)getpid(), step,
		(unsigned long long)(last ? now - last : 0));
	last = now;
}

/*
 * In the launcher: print, clean up the box, write an IE record, exit 2.
 * In a child: send the message up the error pipe; the launcher reports it.
 */
void die(const char *fmt, ...)
{
	char msg[400];
	int saved = errno;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if (saved && (size_t)n < sizeof msg)
		snprintf(msg + n, sizeof msg - (size_t)n, ": %s", strerror(saved));

	if (current_role != ROLE_LAUNCHER) {
		if (child_error_fd >= 0 && !write_all(child_error_fd, msg, strlen(msg)))
			_exit(126);
		_exit(127);
	}
	/* With the record going elsewhere, stderr is the program's channel: keep out of it. */
	if (die_result_fd < 0 || die_result_fd == 2)
		fprintf(stderr, "airlock-sandbox: %s\n", msg);
	if (die_cleanup) {
		void (*cleanup)(void) = die_cleanup;
		die_cleanup = NULL; /* a failure inside cleanup must not loop */
		cleanup();
	}
	if (die_result_fd >= 0) {
		struct outcome out = { .status = ST_IE };
		snprintf(out.message, sizeof out.message, "%s", msg);
		result_write(die_result_fd, die_result_framed, &out, EXIT_FAILED);
	}
	exit(EXIT_FAILED);
}

void usage_error(const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fprintf(stderr, "airlock-sandbox: %s\nTry 'airlock-sandbox --help'.\n", msg);
	/* A daemon client has no stderr of ours to read: tell it in the record. */
	if (die_result_framed && die_result_fd >= 0) {
		struct outcome out = { .status = ST_IE };
		snprintf(out.message, sizeof out.message, "bad arguments: %s", msg);
		result_write(die_result_fd, true, &out, EXIT_USAGE);
	}
	exit(EXIT_USAGE);
}

void *xmalloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

char *xstrdup(const char *s)
{
	char *p = strdup(s);
	if (!p)
		die("out of memory");
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	char *p;
	va_list ap;
	va_start(ap, fmt);
	int n = vasprintf(&p, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("out of memory");
	return p;
}

bool write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		p += w;
		len -= (size_t)w;
	}
	return true;
}

bool read_exact(int fd, void *buf, size_t len)
{
	char *p = buf;
	while (len) {
		ssize_t r = read(fd, p, len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		p += r;
		len -= (size_t)r;
	}
	return true;
}

bool write_file(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool ok = write_all(fd, value, strlen(value));
	int saved = errno;
	if (close(fd) < 0 && ok)
		return false;
	errno = saved;
	return ok;
}

ssize_t read_file(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	size_t len = 0;
	while (len + 1 < cap) {
		ssize_t r = read(fd, buf + len, cap - 1 - len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int saved = errno;
			(void)close(fd);
			errno = saved;
			return -1;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	buf[len] = 0;
	(void)close(fd); /* read-only: nothing to lose on close */
	return (ssize_t)len;
}

/* Numbers start with a digit: strtoull would skip blanks and accept " -1" as 2^64-1. */
static bool starts_with_digit(const char *s)
{
	return s && *s >= '0' && *s <= '9';
}

bool parse_uint(const char *s, uint64_t max, uint64_t *out)
{
	if (!starts_with_digit(s))
		return false;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || v > max)
		return false;
	*out = v;
	return true;
}

bool parse_bytes(const char *s, uint64_t *out)
{
	if (!starts_with_digit(s))
		return false;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s)
		return false;
	uint64_t mul = 1;
	switch (*end) {
	case 0: break;
	case 'k': case 'K': mul = 1ULL << 10; end++; break;
	case 'm': case 'M': mul = 1ULL << 20; end++; break;
	case 'g': case 'G': mul = 1ULL << 30; end++; break;
	default: return false;
	}
	if (*end || (v && mul > UINT64_MAX / v))
		return false;
	*out = v * mul;
	return true;
}

bool parse_seconds_us(const char *s, uint64_t *out)
{
	if (!starts_with_digit(s) && !(s && s[0] == '.' && starts_with_digit(s + 1)))
		return false;
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || *end || end == s || !isfinite(v) || v < 0 || v > 86400.0 * 365)
		return false;
	*out = (uint64_t)llround(v * 1e6);
	return true;
}

uint64_t now_us(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		die("clock_gettime");
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

void close_fd(int *fd)
{
	if (*fd >= 0) {
		(void)close(*fd); /* close of an fd we only read: errors carry no data loss */
		*fd = -1;
	}
}

uint64_t fnv1a(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h;
}

uint64_t launcher_identity(void)
{
	struct stat self;
	if (stat("/proc/self/exe", &self) < 0)
		die("stat /proc/self/exe");
	uint64_t id[] = { self.st_dev, self.st_ino, (uint64_t)self.st_size, (uint64_t)self.st_mtim.tv_sec,
			  (uint64_t)self.st_mtim.tv_nsec };
	return fnv1a(0xcbf29ce484222325ULL, id, sizeof id);
}
