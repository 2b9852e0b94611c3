/*
 * The result record: "key=value" lines ending with "end". Values never hold
 * a newline; the message is the last free-text field and is sanitised.
 * The format is documented in docs/launcher-protocol.md.
 */
#include "sandbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>


static const char *const names[] = { "OK", "RE", "TLE", "MLE", "OLE", "SV", "IE" };

const char *status_name(enum status st)
{
	return names[st];
}

/* Read what the client still sends until it closes (for a second at most): closing with
 * unread input would reset the connection, and the client could lose the record. */
void result_drain(int fd)
{
	char sink[4096];
	for (uint64_t deadline = now_us() + 1000000; now_us() < deadline;) {
		struct pollfd p = { fd, POLLIN, 0 };
		if (poll(&p, 1, 100) < 0 && errno != EINTR)
			return;
		ssize_t n = recv(fd, sink, sizeof sink, MSG_DONTWAIT);
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
			return;
	}
}

static void write_record(int fd, bool framed, const struct outcome *out, int launcher_exit)
{
	char message[sizeof out->message];
	snprintf(message, sizeof message, "%s", out->message);
	for (char *c = message; *c; c++)
		if (*c == '\n' || *c == '\r' || (unsigned char)*c < 0x20)
			*c = ' ';
	/* A daemon client sees no exit status: the record carries it. */
	char exit_line[32] = "";
	if (framed)
		snprintf(exit_line, sizeof exit_line, "launcher_exit=%d\n", launcher_exit);
	/* Formatted into a fixed buffer and written with write(2): this runs on the failure path
	 * too (die()), where allocating could fail again. Only a recorded syscall list is long. */
	static char record[2048];
	int n = snprintf(record, sizeof record,
		"status=%s\nexit_code=%d\nsignal=%d\ncpu_us=%llu\nwall_us=%llu\nmemory_bytes=%llu\n"
		"stdout_bytes=%llu\nstderr_bytes=%llu\noom_killed=%d\nmessage=%s\n",
		status_name(out->status), out->exit_code, out->signal,
		(unsigned long long)out->cpu_us, (unsigned long long)out->wall_us,
		(unsigned long long)out->memory, (unsigned long long)out->stdout_bytes,
		(unsigned long long)out->stderr_bytes, out->oom ? 1 : 0, message);
	if (n < 0 || (size_t)n >= sizeof record)
		n = 0; /* cannot happen: every field above is bounded */
	const char *list = out->syscalls ? out->syscalls : "";
	size_t list_len = strlen(list);
	char tail[64];
	int t = snprintf(tail, sizeof tail, "%s%send\n", out->syscalls ? "\n" : "", exit_line);
	size_t len = (size_t)n + (out->syscalls ? 9 + list_len : 0) + (size_t)t;
	char header[FRAME_HEADER] = { FRAME_RESULT };
	uint32_t frame_len = (uint32_t)len;
	memcpy(header + 1, &frame_len, 4);
	/* One writev: the client then wakes once for the whole record. */
	struct iovec iov[5];
	int k = 0;
	if (framed)
		iov[k++] = (struct iovec){ header, sizeof header };
	iov[k++] = (struct iovec){ record, (size_t)n };
	if (out->syscalls) {
		iov[k++] = (struct iovec){ (void *)"syscalls=", 9 };
		iov[k++] = (struct iovec){ (void *)list, list_len };
	}
	iov[k++] = (struct iovec){ tail, (size_t)t };
	if (!writev_all(fd, iov, k)) {
		static const char why[] = "airlock-sandbox: cannot write the result record\n";
		(void)write_all(2, why, sizeof why - 1);
		_exit(EXIT_FAILED);
	}
	/* The record was the last frame: say so. The client may still be sending (stdin it had
	 * queued); result_drain reads that before we close. */
	if (framed)
		(void)shutdown(fd, SHUT_WR);
}

void result_write(int fd, bool framed, const struct outcome *out, int launcher_exit)
{
	if (framed) {
		result_send(fd, out, launcher_exit);
		result_drain(fd);
		return;
	}
	write_record(fd, false, out, launcher_exit);
}

void result_send(int fd, const struct outcome *out, int launcher_exit)
{
	write_record(fd, true, out, launcher_exit);
}
