/* With a terminal (--tty), look for another box's pty (or the host's): every other index in /dev/pts,
 * and every terminal any process visible here holds. Its own instance starts at /dev/pts/0; a new
 * pty it makes is its own too. Then make ptys until refused: the instance holds at most 16, so a
 * box cannot use up the host's kernel.pty.max for the others. Prints "contained" when only its
 * own terminals opened. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int main(void)
{
	char *own = ttyname(0);
	if (!isatty(0) || !own) {
		puts("not a tty");
		return 0;
	}
	own = strdup(own);
	/* A pty of its own making: allowed, and it must come from the box's instance too. */
	int mine = open("/dev/ptmx", O_RDWR | O_NOCTTY);
	int index = -1;
	if (mine >= 0 && ioctl(mine, TIOCGPTN, &index) < 0)
		index = -1;
	char path[64];
	int refused = 0;
	for (int n = 0; n < 4096; n++) {
		snprintf(path, sizeof path, "/dev/pts/%d", n);
		if (!strcmp(path, own) || n == index)
			continue;
		int fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK);
		if (fd >= 0) {
			printf("ESCAPED: opened %s (not ours)\n", path);
			close(fd);
		} else
			refused++;
	}
	/* Terminals held by any process we can see (only the box's own, with hidepid). */
	DIR *proc = opendir("/proc");
	for (struct dirent *p; proc && (p = readdir(proc));) {
		if (p->d_name[0] < '0' || p->d_name[0] > '9')
			continue;
		char fds[300];
		snprintf(fds, sizeof fds, "/proc/%s/fd", p->d_name);
		DIR *d = opendir(fds);
		for (struct dirent *f; d && (f = readdir(d));) {
			char link[600], target[256];
			snprintf(link, sizeof link, "%s/%s", fds, f->d_name);
			ssize_t n = readlink(link, target, sizeof target - 1);
			if (n <= 0)
				continue;
			target[n] = 0;
			if (!strcmp(target, "/dev/pts/ptmx"))
				continue; /* a master, of this instance */
			if (!strncmp(target, "/dev/pts/", 9) && strcmp(target, own) && (index < 0 || atoi(target + 9) != index))
				printf("ESCAPED: process %s holds %s\n", p->d_name, target);
			else if (!strncmp(target, "/dev/", 5) && strstr(target, "tty") && strcmp(target, "/dev/tty"))
				printf("ESCAPED: process %s holds %s\n", p->d_name, target);
		}
		if (d)
			closedir(d);
	}
	int made = 2; /* the box's own and `mine` */
	while (made < 4096 && open("/dev/ptmx", O_RDWR | O_NOCTTY) >= 0)
		made++;
	if (made > 16)
		printf("ESCAPED: made %d ptys\n", made);
	printf("contained: own %s, new pty %d in the box's instance, %d other indexes refused, %d ptys at most\n", own, index,
	       refused, made);
	return 0;
}
