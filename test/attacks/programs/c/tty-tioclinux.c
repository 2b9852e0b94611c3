/* With a terminal (--tty), TIOCLINUX on it (subcode 6: which console has the keyboard's shift state;
 * others read the screen or paste the selection). SV. */
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

int main(void)
{
	if (!isatty(0)) {
		puts("not a tty");
		return 0;
	}
	char arg[2] = { 6, 0 };
	if (ioctl(0, TIOCLINUX, arg) == 0)
		puts("ESCAPED: TIOCLINUX accepted on the box's terminal");
	else
		perror("TIOCLINUX");
	return 0;
}
