/*
 * Watch files the box shares with the host (the read-only /usr and /etc binds)
 * with inotify: every open by another box or by the host shows up as an event,
 * so a box learns which programs run around it and when. A side channel, not
 * a way to read content. The test starts host programs meanwhile.
 */
#include <poll.h>
#include <stdio.h>
#include <sys/inotify.h>
#include <unistd.h>

int main(void)
{
	int fd = inotify_init1(IN_NONBLOCK);
	if (fd < 0) {
		puts("contained: inotify refused");
		return 0;
	}
	const char *paths[] = { "/etc/ld.so.cache", "/usr/bin", "/usr/lib/x86_64-linux-gnu" };
	for (int i = 0; i < 3; i++)
		inotify_add_watch(fd, paths[i], IN_OPEN | IN_ACCESS);
	int events = 0;
	char buf[65536], first[256] = "";
	for (int t = 0; t < 15; t++) {
		struct pollfd p = { fd, POLLIN, 0 };
		if (poll(&p, 1, 100) <= 0)
			continue;
		ssize_t n = read(fd, buf, sizeof buf);
		for (char *q = buf; n > 0 && q < buf + n;) {
			struct inotify_event *e = (struct inotify_event *)q;
			if (!events++ && e->len)
				snprintf(first, sizeof first, "%s", e->name);
			q += sizeof *e + e->len;
		}
	}
	if (events)
		printf("ESCAPED: %d inotify events from outside the box (first: %s)\n", events, first);
	else
		puts("contained: no inotify events from outside the box");
	return 0;
}
