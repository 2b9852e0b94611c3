/* TIOCSTI with garbage in the upper 32 bits of the command: the kernel ignores them, so must the filter. SV. */
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	char c = 'x';
	long rc = syscall(SYS_ioctl, 0, (1UL << 32) | TIOCSTI, &c);
	printf("ESCAPED: ioctl(TIOCSTI | 1<<32) reached the kernel: %ld\n", rc);
	return 0;
}
