/* Pin memory (mlock) to dodge reclaim: RLIMIT_MEMLOCK is 0. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

int main(void)
{
	static char buf[1 << 20];
	if (mlock(buf, sizeof buf) < 0)
		printf("contained: mlock: %s\n", strerror(errno));
	else
		puts("ESCAPED: mlock of 1 MiB succeeded");
	if (mlockall(MCL_CURRENT | MCL_FUTURE) < 0)
		printf("contained: mlockall: %s\n", strerror(errno));
	else
		puts("ESCAPED: mlockall succeeded");
	return 0;
}
