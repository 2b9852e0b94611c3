/* vmsplice, the seed article's example of a local-root call: ENOSYS. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
	int p[2];
	pipe(p);
	char buf[16] = "x";
	struct iovec v = { buf, 1 };
	ssize_t n = vmsplice(p[1], &v, 1, 0);
	if (n < 0 && errno == ENOSYS)
		puts("contained: vmsplice: ENOSYS");
	else
		printf("ESCAPED: vmsplice returned %zd (%s)\n", n, strerror(errno));
	return 0;
}
