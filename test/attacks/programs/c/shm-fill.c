/* Fill /dev/shm through POSIX shared memory: it is the box's own capped tmpfs, not the host's. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
	signal(SIGXFSZ, SIG_IGN);
	int fd = shm_open("/airlock-leak-fill", O_RDWR | O_CREAT, 0600);
	if (fd < 0) {
		printf("contained: shm_open: %s\n", strerror(errno));
		return 0;
	}
	static char block[1 << 20];
	memset(block, 7, sizeof block);
	long long total = 0;
	for (int i = 0; i < 4096; i++) {
		ssize_t w = write(fd, block, sizeof block);
		if (w <= 0) {
			printf("contained: /dev/shm full after %lld MiB: %s\n", total >> 20, strerror(errno));
			return 0;
		}
		total += w;
	}
	puts("ESCAPED: wrote 4 GiB to /dev/shm");
	return 0;
}
