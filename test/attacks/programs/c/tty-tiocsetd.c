/* With a terminal (--tty), put the n_hdlc line discipline on it: the door of CVE-2017-2636 (and n_gsm's,
 * CVE-2023-6546) from an unprivileged pty. SV. */
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#ifndef N_HDLC
#define N_HDLC 13
#endif

int main(void)
{
	if (!isatty(0)) {
		puts("not a tty");
		return 0;
	}
	int ldisc = N_HDLC;
	if (ioctl(0, TIOCSETD, &ldisc) == 0)
		puts("ESCAPED: TIOCSETD set a line discipline on the box's terminal");
	else
		perror("TIOCSETD");
	return 0;
}
