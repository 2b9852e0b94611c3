/* kill(-1, SIGKILL): every process this uid may signal. A host process with the box's uid must survive. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
	int rc = kill(-1, SIGKILL);
	printf("kill(-1) returned %d (%s); the host sentinel decides\n", rc, rc ? strerror(errno) : "ok");
	return 0;
}
