/* io_uring: async I/O that bypasses seccomp for the operations it runs, and a long CVE list. ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	char params[120];
	memset(params, 0, sizeof params);
	long fd = syscall(SYS_io_uring_setup, 8, params);
	if (fd < 0 && errno == ENOSYS)
		puts("contained: io_uring_setup: ENOSYS");
	else
		printf("ESCAPED: io_uring_setup returned %ld (%s)\n", fd, strerror(errno));
	return 0;
}
