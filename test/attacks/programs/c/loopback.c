/* Bring the box's loopback up to run a local service, or rename the host: both need CAP_NET_ADMIN/SYS_ADMIN. */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
	int s = socket(AF_UNIX, SOCK_DGRAM, 0);
	struct ifreq r;
	memset(&r, 0, sizeof r);
	strcpy(r.ifr_name, "lo");
	r.ifr_flags = IFF_UP | IFF_LOOPBACK | IFF_RUNNING;
	int escaped = 0;
	if (ioctl(s, SIOCSIFFLAGS, &r) == 0) {
		puts("ESCAPED: brought lo up");
		escaped++;
	} else
		printf("refused lo up: %s\n", strerror(errno));
	if (sethostname("pwned", 5) == 0) {
		puts("ESCAPED: sethostname");
		escaped++;
	}
	if (!escaped)
		puts("contained: no network configuration possible");
	return 0;
}
