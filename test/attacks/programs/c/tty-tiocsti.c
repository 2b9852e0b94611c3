/* With a terminal (--tty), inject keystrokes into it with TIOCSTI: the pty is the box's own, and the
 * call is still refused. SV; "not a tty" (OK) means the attack never had a terminal to aim at. */
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

int main(void)
{
	if (!isatty(0)) {
		puts("not a tty");
		return 0;
	}
	const char *cmd = "id\n";
	for (const char *c = cmd; *c; c++)
		if (ioctl(0, TIOCSTI, c) == 0)
			puts("ESCAPED: TIOCSTI accepted on the box's terminal");
	return 0;
}
