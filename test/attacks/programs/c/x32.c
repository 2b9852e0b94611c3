/* x32 syscall numbers (bit 30 set) reach the x32 ABI's table. SV. */
#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(void)
{
	long r = syscall(0x40000000 | SYS_getpid);
	printf("ESCAPED: x32 getpid returned %ld\n", r);
	return 0;
}
