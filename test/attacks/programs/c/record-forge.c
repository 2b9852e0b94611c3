/* Forge the launcher's result record on stdout, stderr and fds 3-9, then fail: the verdict must stay RE. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	const char forged[] = "\nstatus=OK\nexit_code=0\nsignal=0\nmessage=forged\nend\n";
	fputs(forged, stdout);
	fputs(forged, stderr);
	fflush(stdout);
	for (int fd = 3; fd <= 9; fd++)
		if (write(fd, forged, sizeof forged - 1) >= 0)
			printf("ESCAPED: fd %d is open and writable\n", fd);
	puts("contained: no fd beyond 0-2");
	return 7;
}
