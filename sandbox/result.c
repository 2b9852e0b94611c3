/*
 * The result record: "key=value" lines ending with "end". Values never hold
 * a newline; the message is the last free-text field and is sanitised.
 * The format is documented in docs/launcher-protocol.md.
 */
#include "sandbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[] = { "OK", "RE", "TLE", "MLE", "OLE", "SV", "IE" };

const char *status_name(enum status st)
{
	return names[st];
}

void result_write(int fd, const struct outcome *out)
{
	char message[sizeof out->message];
	snprintf(message, sizeof message, "%s", out->message);
	for (char *c = message; *c; c++)
		if (*c == '\n' || *c == '\r' || (unsigned char)*c < 0x20)
			*c = ' ';
	char *record = xasprintf(
		"status=%s\nexit_code=%d\nsignal=%d\ncpu_us=%llu\nwall_us=%llu\nmemory_bytes=%llu\n"
		"stdout_bytes=%llu\nstderr_bytes=%llu\noom_killed=%d\nmessage=%s\n%s%s%send\n",
		status_name(out->status), out->exit_code, out->signal,
		(unsigned long long)out->cpu_us, (unsigned long long)out->wall_us,
		(unsigned long long)out->memory, (unsigned long long)out->stdout_bytes,
		(unsigned long long)out->stderr_bytes, out->oom ? 1 : 0, message,
		out->syscalls ? "syscalls=" : "", out->syscalls ? out->syscalls : "",
		out->syscalls ? "\n" : "");
	if (!write_all(fd, record, strlen(record))) {
		perror("airlock-sandbox: write the result record");
		exit(EXIT_FAILED);
	}
	free(record);
}
