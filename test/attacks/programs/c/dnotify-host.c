/*
 * Watch directories the box shares with the host (the read-only /usr binds)
 * with dnotify, fcntl(F_NOTIFY): the older interface inotify replaced, with
 * the same reach. Every read by another box or by the host in a watched
 * directory raises a signal here, so a box learns when programs start around
 * it. A side channel, not a way to read content. The test starts host
 * programs meanwhile.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t events;

static void on_event(int sig)
{
	(void)sig;
	events++;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_event };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGRTMIN + 1, &sa, NULL);
	const char *dirs[] = { "/usr/bin", "/usr/lib/x86_64-linux-gnu", "/usr/lib" };
	int armed = 0, refused = 0;
	for (int i = 0; i < 3; i++) {
		int fd = open(dirs[i], O_RDONLY | O_DIRECTORY);
		if (fd < 0)
			continue;
		if (fcntl(fd, F_SETSIG, SIGRTMIN + 1) == 0 && fcntl(fd, F_NOTIFY, DN_ACCESS | DN_MULTISHOT) == 0)
			armed++;
		else
			refused = errno;
	}
	if (!armed) {
		printf("contained: dnotify refused (%s)\n", strerrorname_np(refused));
		return 0;
	}
	struct timespec pause = { 1, 500000000 };
	while (nanosleep(&pause, &pause) < 0 && errno == EINTR)
		;
	if (events)
		printf("ESCAPED: %d dnotify events from outside the box\n", (int)events);
	else
		puts("contained: no dnotify events from outside the box");
	return 0;
}
