/* Inode exhaustion: empty files until the workspace's inode cap says no. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	char name[64];
	for (int i = 0; i < 1000000; i++) {
		snprintf(name, sizeof name, "/box/i%d", i);
		int fd = open(name, O_WRONLY | O_CREAT, 0644);
		if (fd < 0) {
			printf("contained: stopped after %d files: %s\n", i, strerror(errno));
			return 0;
		}
		close(fd);
	}
	puts("ESCAPED: created a million files");
	return 0;
}
