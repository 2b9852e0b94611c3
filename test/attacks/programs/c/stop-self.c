/* Stop ourselves and a child (SIGSTOP): no CPU is used, so only the wall-time limit ends it, and a stopped process must still die. */
#include <signal.h>
#include <unistd.h>

int main(void)
{
	if (fork() == 0)
		raise(SIGSTOP);
	raise(SIGSTOP);
	return 0;
}
