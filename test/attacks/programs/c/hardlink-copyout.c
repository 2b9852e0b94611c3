/* Hardlink host files into /box so that --copy-out hands them over: links cross mounts only as EXDEV. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *targets[] = { "/etc/ld.so.cache", "/usr/bin/su", "/usr/bin/passwd", "/etc/alternatives",
				  argc > 1 ? argv[1] : "/etc/shadow" };
	int escaped = 0;
	for (size_t i = 0; i < sizeof targets / sizeof *targets; i++) {
		char name[64];
		snprintf(name, sizeof name, "/box/hard%zu", i);
		if (link(targets[i], name) == 0) {
			printf("ESCAPED: hardlinked %s\n", targets[i]);
			escaped++;
		} else
			printf("refused %s: %s\n", targets[i], strerror(errno));
	}
	if (!escaped)
		puts("contained: no host file can be linked into /box");
	return 0;
}
