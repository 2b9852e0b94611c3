/* Huge sparse files: ftruncate and pwrite far past the file-size limit, and fallocate past the disk. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void check(const char *what, int rc)
{
	if (rc < 0)
		printf("contained: %s: %s\n", what, strerrorname_np(errno));
	else
		printf("ESCAPED: %s succeeded\n", what);
}

int main(void)
{
	signal(SIGXFSZ, SIG_IGN); /* see EFBIG instead of dying */
	int fd = open("/box/sparse", O_RDWR | O_CREAT | O_TRUNC, 0644);
	check("ftruncate to 1 TiB", ftruncate(fd, 1LL << 40));
	check("pwrite at 1 TiB", (int)pwrite(fd, "x", 1, 1LL << 40));
	int fd2 = open("/tmp/alloc", O_RDWR | O_CREAT | O_TRUNC, 0644);
	check("fallocate 1 GiB in /tmp", fallocate(fd2, 0, 0, 1LL << 30));
	return 0;
}
