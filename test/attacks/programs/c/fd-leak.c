/* Look for descriptors inherited from the service or the launcher: only 0, 1 and 2 may be open. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(void)
{
	DIR *d = opendir("/proc/self/fd");
	int mine = dirfd(d), leaks = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		int fd = atoi(e->d_name);
		char target[256] = "";
		snprintf(target, sizeof target, "/proc/self/fd/%d", fd);
		char link[256] = "";
		ssize_t n = readlink(target, link, sizeof link - 1);
		if (n > 0)
			link[n] = 0;
		if (fd > 2 && fd != mine) {
			printf("ESCAPED: fd %d -> %s\n", fd, link);
			leaks++;
		}
	}
	if (!leaks)
		puts("contained: only fds 0-2");
	return 0;
}
