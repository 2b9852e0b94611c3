/* Helpers shared by every step: die(), checked allocation, small file I/O, parsing. */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
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

/* The first failure's message: a failure while cleaning up after it must not replace it. */
static char first_failure[400];
static bool dying, reporting;

/* Append text to a fixed buffer, truncating; never allocates. */
static void append(char *buf, size_t cap, const char *text)
{
	size_t len = strnlen(buf, cap);
	if (len + 1 < cap)
		snprintf(buf + len, cap - len, "%s", text);
}

/*
 * Every failure ends here. In the launcher: print, clean up the box, write an IE record, exit 2.
 * In a child: send the message up the error pipe; the launcher reports it. Nothing on this
 * path allocates (a failed allocation must be reportable), and a failure inside the cleanup
 * (which may call die() again) keeps the first message and only adds its own after it.
 */
_Noreturn static void fail(int err, const char *fmt, va_list ap)
{
	if (reporting)
		_exit(EXIT_FAILED); /* writing the record failed in a way that called us: nothing left to say */
	char msg[sizeof first_failure];
	if (vsnprintf(msg, sizeof msg, fmt, ap) < 0)
		msg[0] = 0;
	if (err) {
		char text[128];
		append(msg, sizeof msg, ": ");
		/* The GNU strerror_r writes unknown numbers into our buffer; strerror() may allocate. */
		append(msg, sizeof msg, strerror_r(err, text, sizeof text));
	}
	if (current_role != ROLE_LAUNCHER) {
		if (child_error_fd >= 0 && !write_all(child_error_fd, msg, strlen(msg)))
			_exit(126);
		_exit(127);
	}
	/* With the record going elsewhere, stderr is the program's channel: keep out of it. */
	if (die_result_fd < 0 || die_result_fd == 2) {
		(void)write_all(2, "airlock-sandbox: ", 17);
		(void)write_all(2, msg, strlen(msg));
		(void)write_all(2, "\n", 1);
	}
	if (dying) {
		/* Called from the cleanup below: the first failure is the one to report. */
		append(first_failure, sizeof first_failure, "; then, cleaning up: ");
		append(first_failure, sizeof first_failure, msg);
	} else {
		dying = true;
		memcpy(first_failure, msg, sizeof msg);
		if (die_cleanup) {
			void (*cleanup)(void) = die_cleanup;
			die_cleanup = NULL; /* a failure inside cleanup must not loop */
			cleanup();
		}
	}
	if (die_result_fd >= 0) {
		reporting = true;
		static struct outcome out; /* static: a record's worth of stack is not needed on a deep failure */
		out = (struct outcome){ .status = ST_IE };
		snprintf(out.message, sizeof out.message, "%s", first_failure);
		result_write(die_result_fd, die_result_framed, &out, EXIT_FAILED);
	}
	_exit(EXIT_FAILED);
}

void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fail(0, fmt, ap);
}

void die_errno(const char *fmt, ...)
{
	int saved = errno;
	va_list ap;
	va_start(ap, fmt);
	fail(saved, fmt, ap);
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

void *xmap(size_t n)
{
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die_errno("mmap %zu bytes", n);
	return p;
}

void xunmap(void *p, size_t n)
{
	if (munmap(p, n) < 0)
		die_errno("munmap %zu bytes", n);
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
	struct iovec one = { (void *)buf, len };
	return writev_all(fd, &one, 1);
}

bool writev_all(int fd, struct iovec *iov, int count)
{
	for (;;) {
		/* Nothing left to write in the first pieces: no syscall for them. */
		for (; count > 0 && iov->iov_len == 0; iov++, count--)
			;
		if (count == 0)
			return true;
		ssize_t w = writev(fd, iov, count);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		for (; count > 0 && (size_t)w >= iov->iov_len; iov++, count--)
			w -= (ssize_t)iov->iov_len;
		if (count > 0) {
			iov->iov_base = (char *)iov->iov_base + w;
			iov->iov_len -= (size_t)w;
		}
	}
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

bool send_fds(int sock, const int *fds, size_t n, char tag)
{
	if (n > FDS_MAX) {
		errno = EINVAL;
		return false;
	}
	struct iovec iov = { .iov_base = &tag, .iov_len = 1 };
	union {
		char buf[CMSG_SPACE(FDS_MAX * sizeof(int))];
		struct cmsghdr align;
	} u;
	memset(&u, 0, sizeof u);
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	if (n) {
		msg.msg_control = u.buf;
		msg.msg_controllen = CMSG_SPACE(n * sizeof(int));
		struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
		if (!c) {
			errno = EINVAL;
			return false;
		}
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(n * sizeof(int));
		memcpy(CMSG_DATA(c), fds, n * sizeof(int));
	}
	ssize_t w;
	while ((w = sendmsg(sock, &msg, MSG_NOSIGNAL)) < 0 && errno == EINTR)
		;
	return w == 1;
}

ssize_t recv_fds(int sock, int *fds, size_t max, char *tag, int flags)
{
	struct iovec iov = { .iov_base = tag, .iov_len = 1 };
	union {
		char buf[CMSG_SPACE(FDS_MAX * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof u.buf };
	ssize_t r;
	while ((r = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC | flags)) < 0 && errno == EINTR)
		;
	if (r == 0)
		errno = 0; /* EOF: every sender is gone */
	if (r <= 0)
		return -1;
	size_t n = 0;
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
		size_t got = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		int *in = (int *)(void *)CMSG_DATA(c);
		for (size_t i = 0; i < got; i++) {
			int fd;
			memcpy(&fd, in + i, sizeof fd);
			if (n < max)
				fds[n++] = fd;
			else
				(void)close(fd); /* more than asked for: not ours to keep */
		}
	}
	return (ssize_t)n;
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

/*
 * Numbers are plain decimal: digits only, no sign, no blanks, no hex or exponent (strtod
 * read "0x10" as 16 and strtoull skips blanks and takes " -1" as 2^64-1), and no leading
 * zero, so that an octal-looking "010" is refused instead of being read as ten. Reads the
 * digits at *s, moves *s past them; false when there are none, or on overflow.
 */
static bool take_decimal(const char **s, uint64_t *out)
{
	const char *p = *s;
	if (*p < '0' || *p > '9' || (p[0] == '0' && p[1] >= '0' && p[1] <= '9'))
		return false;
	uint64_t v = 0;
	for (; *p >= '0' && *p <= '9'; p++) {
		uint64_t digit = (uint64_t)(*p - '0');
		if (v > (UINT64_MAX - digit) / 10)
			return false;
		v = v * 10 + digit;
	}
	*s = p;
	*out = v;
	return true;
}

bool parse_uint(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t v;
	if (!s || !take_decimal(&s, &v) || *s || v > max)
		return false;
	*out = v;
	return true;
}

bool parse_bytes(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t v;
	if (!s || !take_decimal(&s, &v))
		return false;
	uint64_t mul = 1;
	switch (*s) {
	case 0: break;
	case 'k': case 'K': mul = 1ULL << 10; s++; break;
	case 'm': case 'M': mul = 1ULL << 20; s++; break;
	case 'g': case 'G': mul = 1ULL << 30; s++; break;
	default: return false;
	}
	if (*s || v > max / mul)
		return false;
	*out = v * mul;
	return true;
}

bool parse_seconds_us(const char *s, uint64_t max_us, uint64_t *out)
{
	uint64_t whole, frac = 0;
	if (!s || !take_decimal(&s, &whole) || whole > max_us / 1000000)
		return false;
	if (*s == '.') {
		/* Up to six decimals: the launcher counts microseconds, and a finer value would be
		 * silently rounded (the service rounds up before it asks, src/sandbox/limits.ts). */
		s++;
		int digits = 0;
		for (; *s >= '0' && *s <= '9' && digits < 6; s++, digits++)
			frac = frac * 10 + (uint64_t)(*s - '0');
		if (digits == 0)
			return false;
		for (; digits < 6; digits++)
			frac *= 10;
	}
	if (*s)
		return false;
	uint64_t us = whole * 1000000 + frac;
	if (us > max_us)
		return false;
	*out = us;
	return true;
}

uint64_t now_us(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		die_errno("clock_gettime");
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
		die_errno("stat /proc/self/exe");
	uint64_t id[] = { self.st_dev, self.st_ino, (uint64_t)self.st_size, (uint64_t)self.st_mtim.tv_sec,
			  (uint64_t)self.st_mtim.tv_nsec };
	return fnv1a(0xcbf29ce484222325ULL, id, sizeof id);
}
