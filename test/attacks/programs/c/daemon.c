/* Double fork, new session, signals ignored: a daemon that tries to outlive its run. */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	pid_t p = fork();
	if (p == 0) {
		setsid();
		for (int s = 1; s < 32; s++)
			signal(s, SIG_IGN);
		if (fork() == 0)
			for (;;)
				sleep(1);
		_exit(0);
	}
	waitpid(p, 0, 0);
	puts("daemonized; the host check must find nothing left");
	return 0;
}
