/*
 * stdio between the caller and the box, through the supervisor's poll loop.
 *
 * Two ways to talk to the caller: its own fds 0-2 (the command line), or one
 * socket carrying frames (the daemon, serve.c). Either way the program gets
 * real pipes (or, with --tty, a pty whose master we hold: its stdin and its
 * only output), the output is capped (one byte over the limit kills the box),
 * at most one buffer per stream sits here, and a program that never reads
 * its stdin cannot block anyone.
 */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define BUF_SIZE FRAME_MAX

enum out_mode { OUT_SEND, OUT_NONBLOCK, OUT_BLOCKING };

struct pump {
	int src, dst;
	enum out_mode mode;
	bool src_eof, dst_dead;
	size_t len, off;
	char buf[BUF_SIZE];
};

struct relay {
	const struct config *cfg;
	struct outcome *out;
	int caller;                 /* framed socket, or -1 */
	struct pump in, o, e;       /* caller -> program stdin; program stdout, stderr -> caller */
	char inq[FRAME_HEADER + FRAME_MAX];
	size_t inq_len;
	char outq[FRAME_HEADER + FRAME_MAX];
	size_t outq_len, outq_off;
	uint64_t used;
	bool over_cap, caller_gone, caller_eof;
	char problem[128];
	bool tty;                   /* --tty: o.src and in.dst are the pty's master once it came */
	int master;
	bool size_set;              /* a 'W' frame came: the size to give the pty */
	unsigned cols, rows;
};

static enum out_mode out_mode_of(int *fd)
{
	struct stat st;
	if (fstat(*fd, &st) < 0)
		return OUT_BLOCKING;
	if (S_ISSOCK(st.st_mode))
		return OUT_SEND;
	if (S_ISFIFO(st.st_mode)) {
		/* A private non-blocking description of the same pipe: the caller's stays as it was. */
		char path[64];
		snprintf(path, sizeof path, "/proc/self/fd/%d", *fd);
		int nb = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
		if (nb >= 0) {
			*fd = nb;
			return OUT_NONBLOCK;
		}
	}
	return OUT_BLOCKING;
}

static ssize_t send_some(int fd, enum out_mode mode, const char *data, size_t n)
{
	if (mode == OUT_SEND)
		return send(fd, data, n, MSG_DONTWAIT | MSG_NOSIGNAL);
	return write(fd, data, n);
}

/* Write what we can; false when the reader is gone (it just stops getting output). */
static bool flush(int fd, enum out_mode mode, const char *buf, size_t *off, size_t len)
{
	while (*off < len) {
		ssize_t w = send_some(fd, mode, buf + *off, len - *off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return errno == EAGAIN;
		}
		*off += (size_t)w;
	}
	return true;
}

static void pump_flush(struct pump *p)
{
	if (!p->dst_dead && !flush(p->dst, p->mode, p->buf, &p->off, p->len))
		p->dst_dead = true;
	if (p->off == p->len || p->dst_dead)
		p->len = p->off = 0;
}

/* Read program output, at most up to one byte past the cap; returns bytes kept (0 at EOF). */
static size_t read_capped(struct relay *r, struct pump *p, char *into, size_t room, uint64_t *count)
{
	uint64_t left = r->cfg->lim.output - r->used;
	/* left + 1 is computed only when it is below room: it cannot wrap, whatever the cap. */
	size_t want = left < room ? (size_t)left + 1 : room;
	ssize_t n = read(p->src, into, want);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
	if (n <= 0) {
		p->src_eof = true; /* closed, or broken: as good as closed */
		return 0;
	}
	size_t kept = (size_t)n;
	if (kept > left) {
		kept = (size_t)left;
		r->over_cap = true;
		p->src_eof = true;
	}
	r->used += kept;
	*count += kept;
	return kept;
}

/* The caller went away: what we hold for it goes too, or the program's output, no longer read
 * while a frame waits, would never reach EOF and the run would never end. */
static void lose_caller(struct relay *r)
{
	r->caller_gone = true;
	r->outq_len = r->outq_off = 0;
}

static void put_header(char *h, char type, size_t len)
{
	uint32_t n = (uint32_t)len;
	h[0] = type;
	memcpy(h + 1, &n, 4); /* little-endian, as on every host airlock supports */
}

/* Output to the caller: straight into our fd (command line), or as one frame (daemon). */
static void output(struct relay *r, struct pump *p, char tag, uint64_t *count)
{
	if (r->caller < 0) {
		p->len = read_capped(r, p, p->buf, BUF_SIZE, count);
		p->off = 0;
		pump_flush(p);
		return;
	}
	size_t n = read_capped(r, p, r->outq + FRAME_HEADER, FRAME_MAX, count);
	if (!n || r->caller_gone)
		return; /* nobody to give it to: read on to EOF, keep nothing */
	put_header(r->outq, tag, n);
	r->outq_len = FRAME_HEADER + n;
	r->outq_off = 0;
	if (!flush(r->caller, OUT_SEND, r->outq, &r->outq_off, r->outq_len))
		lose_caller(r);
}

/* Whether stdin still has somewhere to go: the program's pipe, or (--tty) a pty still to come. */
static bool stdin_open(const struct relay *r)
{
	return r->in.dst >= 0 || (r->tty && r->master < 0);
}

/* The caller's stdin ended. On a pty that is the terminal's end-of-file character (^D), as a
 * keyboard sends it, not a closed master: closing it would hang up the program's terminal. */
static void stdin_ended(struct relay *r)
{
	if (r->in.src_eof)
		return;
	r->in.src_eof = true;
	if (r->tty) {
		r->in.buf[0] = 4;
		r->in.len = 1;
		r->in.off = 0;
	}
}

/* A 'W' frame: columns and rows, each at least 1 and at most TTY_MAX_SIDE; false when malformed. */
static bool window_size(struct relay *r, const char *payload, uint32_t len)
{
	uint16_t size[2];
	if (len != sizeof size)
		return false;
	memcpy(size, payload, sizeof size); /* little-endian, as on every host airlock supports */
	if (size[0] == 0 || size[1] == 0 || size[0] > TTY_MAX_SIDE || size[1] > TTY_MAX_SIDE)
		return false;
	r->cols = size[0];
	r->rows = size[1];
	r->size_set = true;
	if (r->master >= 0)
		tty_resize(r->master, r->cols, r->rows);
	return true;
}

/* Frames from the caller: 'I' carries stdin (empty = EOF), 'W' (--tty only) the terminal's size. */
static void parse_frames(struct relay *r)
{
	while (r->inq_len >= FRAME_HEADER && r->in.len == 0) {
		uint32_t len;
		memcpy(&len, r->inq + 1, 4);
		char type = r->inq[0];
		if (!(type == FRAME_STDIN || (type == FRAME_WINSIZE && r->tty)) || len > FRAME_MAX) {
			snprintf(r->problem, sizeof r->problem, "protocol error: frame '%c' of %u bytes", type, len);
			lose_caller(r);
			return;
		}
		if (r->inq_len < FRAME_HEADER + len)
			return;
		if (type == FRAME_WINSIZE) {
			if (!window_size(r, r->inq + FRAME_HEADER, len)) {
				snprintf(r->problem, sizeof r->problem,
					 "protocol error: a window size frame wants 4 bytes, sides 1 to %d", TTY_MAX_SIDE);
				lose_caller(r);
				return;
			}
		} else if (len == 0)
			stdin_ended(r);
		else if (!r->in.src_eof && stdin_open(r)) {
			memcpy(r->in.buf, r->inq + FRAME_HEADER, len);
			r->in.len = len;
			r->in.off = 0;
		}
		r->inq_len -= FRAME_HEADER + len;
		memmove(r->inq, r->inq + FRAME_HEADER + len, r->inq_len);
	}
}

static void input(struct relay *r)
{
	if (r->caller < 0) {
		ssize_t n = read(r->in.src, r->in.buf, BUF_SIZE);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			return;
		if (n <= 0)
			stdin_ended(r);
		else
			r->in.len = (size_t)n, r->in.off = 0;
		return;
	}
	ssize_t n = recv(r->caller, r->inq + r->inq_len, sizeof r->inq - r->inq_len, MSG_DONTWAIT);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		r->caller_eof = true; /* a daemon client that closes has gone */
		lose_caller(r);
		return;
	}
	r->inq_len += (size_t)n;
	parse_frames(r);
}

static void set_pump(struct pump *p, int src, int dst, enum out_mode mode)
{
	p->src = src;
	p->dst = dst;
	p->mode = mode;
}

struct relay *relay_new(const struct config *cfg, struct run *run, struct outcome *out)
{
	struct relay *r = xmap(sizeof *r);
	r->cfg = cfg;
	r->out = out;
	r->caller = cfg->framed_fd;
	r->tty = cfg->tty;
	r->master = -1;
	bool framed = r->caller >= 0;
	bool has_stdin = run->in_wr >= 0 || r->tty;
	/* Field by field, not `r->in = (struct pump){...}`: a compound literal zero-fills each 64 KiB
	 * buffer, touching 48 pages per box that the program may never write to (page faults are
	 * the dearest part of a box on some VMs). xmap's memory is zeroed already. */
	set_pump(&r->in, has_stdin && !framed ? 0 : -1, run->in_wr, OUT_NONBLOCK);
	set_pump(&r->o, run->out_rd, 1, OUT_SEND);
	set_pump(&r->e, run->err_rd, 2, OUT_SEND);
	if (!has_stdin)
		r->in.src_eof = true;
	if (!framed)
		for (struct pump *p = &r->o; p <= &r->e; p++)
			if (p->src >= 0 || (p == &r->o && r->tty))
				p->mode = out_mode_of(&p->dst);
	return r;
}

void relay_attach_tty(struct relay *r, int master)
{
	int flags = fcntl(master, F_GETFL);
	if (flags < 0 || fcntl(master, F_SETFL, flags | O_NONBLOCK) < 0)
		die_errno("make the pty's master non-blocking");
	/* One description, two fds: polled for input and for output apart. */
	int in = fcntl(master, F_DUPFD_CLOEXEC, 3);
	if (in < 0)
		die_errno("dup the pty's master");
	r->master = r->o.src = master;
	r->in.dst = in;
	if (r->size_set)
		tty_resize(master, r->cols, r->rows);
}

int relay_pollfds(const struct relay *r, struct pollfd *fds)
{
	int n = 0;
	bool framed = r->caller >= 0;
	/* stdin: read the caller only when the program has taken what we hold. */
	if (!framed && r->in.len == 0 && !r->in.src_eof && stdin_open(r))
		fds[n++] = (struct pollfd){ r->in.src, POLLIN, 0 };
	if (framed && !r->caller_gone)
		fds[n++] = (struct pollfd){ r->caller, (short)((r->inq_len < sizeof r->inq && r->in.len == 0 ? POLLIN : 0) |
							       (r->outq_off < r->outq_len ? POLLOUT : 0)), 0 };
	if (r->in.len > 0 && r->in.dst >= 0)
		fds[n++] = (struct pollfd){ r->in.dst, POLLOUT, 0 };
	/* Output: read the program only when the caller has taken what we hold. */
	bool held = framed ? r->outq_off < r->outq_len : false;
	const struct pump *outs[] = { &r->o, &r->e };
	for (int i = 0; i < 2; i++) {
		const struct pump *p = outs[i];
		if (p->src < 0 || p->src_eof)
			continue;
		if (!framed && p->len > 0)
			fds[n++] = (struct pollfd){ p->dst, POLLOUT, 0 };
		else if (!held && p->len == 0)
			fds[n++] = (struct pollfd){ p->src, POLLIN, 0 };
	}
	return n;
}

void relay_handle(struct relay *r, const struct pollfd *fds, int n)
{
	for (int i = 0; i < n; i++) {
		if (!fds[i].revents)
			continue;
		int fd = fds[i].fd;
		if (r->caller >= 0 && fd == r->caller) {
			if (fds[i].revents & (POLLIN | POLLHUP | POLLERR))
				input(r);
			if ((fds[i].revents & POLLOUT) && !flush(r->caller, OUT_SEND, r->outq, &r->outq_off, r->outq_len))
				lose_caller(r);
		} else if (fd == r->in.src && r->caller < 0) {
			input(r);
		} else if (fd == r->in.dst) {
			pump_flush(&r->in);
			if (r->caller >= 0)
				parse_frames(r);
		} else if (fd == r->o.src) {
			output(r, &r->o, FRAME_STDOUT, &r->out->stdout_bytes);
		} else if (fd == r->e.src) {
			output(r, &r->e, FRAME_STDERR, &r->out->stderr_bytes);
		} else if (fd == r->o.dst && r->o.len) {
			pump_flush(&r->o);
		} else if (fd == r->e.dst && r->e.len) {
			pump_flush(&r->e);
		}
	}
	/* The program's stdin closes once the caller's ended and we passed everything on. */
	if (r->in.dst >= 0 && (r->in.src_eof || r->in.dst_dead) && r->in.len == 0)
		close_fd(&r->in.dst);
	if (r->over_cap)
		r->o.src_eof = r->e.src_eof = true; /* nothing more is relayed */
}

bool relay_outputs_open(const struct relay *r)
{
	return (r->o.src >= 0 && !r->o.src_eof) || (r->e.src >= 0 && !r->e.src_eof);
}

enum relay_news relay_news(struct relay *r, const char **why)
{
	*why = r->problem[0] ? r->problem : "the caller went away";
	if (r->over_cap) {
		r->over_cap = false;
		return RELAY_OVER_CAP;
	}
	return r->caller_gone ? RELAY_CALLER_GONE : RELAY_NOTHING;
}

void relay_finish(struct relay *r)
{
	/* Give a slow caller a second for the tail; one that stopped reading loses it. */
	struct pump *outs[] = { &r->o, &r->e };
	for (int i = 0; i < 2; i++)
		while (r->caller < 0 && outs[i]->len > 0 && !outs[i]->dst_dead) {
			struct pollfd w = { outs[i]->dst, POLLOUT, 0 };
			if (poll(&w, 1, 1000) <= 0)
				break;
			pump_flush(outs[i]);
		}
	while (r->caller >= 0 && !r->caller_gone && r->outq_off < r->outq_len) {
		struct pollfd w = { r->caller, POLLOUT, 0 };
		if (poll(&w, 1, 1000) <= 0 || !flush(r->caller, OUT_SEND, r->outq, &r->outq_off, r->outq_len))
			break;
	}
	close_fd(&r->in.dst);
	close_fd(&r->master); /* --tty: the box is dead by now; nobody is left to hang up */
	xunmap(r, sizeof *r);
}
