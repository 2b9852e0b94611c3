/*
 * Respawn during cleanup: a family of processes that ignore every catchable
 * signal and replace any member that dies, so a kill loop that signals one pid
 * at a time never catches up. Teardown must kill the whole box at once.
 */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static void __attribute__((noreturn)) guardian(void)
{
	for (int s = 1; s < 65; s++)
		signal(s, SIG_IGN);
	signal(SIGCHLD, SIG_DFL);
	for (int i = 0; i < 4; i++)
		if (fork() == 0)
			guardian();
	for (;;) {
		if (wait(0) > 0 && fork() == 0)
			guardian();
		usleep(1000);
	}
}

int main(void)
{
	if (fork() == 0) {
		setsid();
		guardian();
	}
	usleep(200000);
	puts("respawning family started; the host check must find nothing left");
	return 0;
}
