/* Use the workspace tmpfs as memory the memory limit does not see: its pages are charged to the box's cgroup. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	signal(SIGXFSZ, SIG_IGN);
	static char block[1 << 20];
	memset(block, 3, sizeof block);
	const char *files[] = { "/box/fill", "/tmp/fill", "/dev/shm/fill" };
	long mb = 0;
	for (int f = 0; f < 3; f++) {
		int fd = open(files[f], O_WRONLY | O_CREAT, 0644);
		while (write(fd, block, sizeof block) == (ssize_t)sizeof block)
			mb++;
		close(fd);
	}
	printf("%s: wrote %ld MiB to the three tmpfs\n", mb > 40 ? "ESCAPED" : "contained", mb);
	return 0;
}
