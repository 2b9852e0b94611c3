/* Probe every pid up to 65536 with kill(pid, 0): only the box's own processes may exist. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	int found = 0;
	for (pid_t pid = 1; pid <= 65536; pid++) {
		if (kill(pid, 0) == 0 || errno == EPERM) {
			found++;
			if (pid != 1 && pid != getpid())
				printf("ESCAPED: pid %d exists outside our reach\n", pid);
		}
	}
	printf("contained: %d pids visible (init and us)\n", found);
	return 0;
}
