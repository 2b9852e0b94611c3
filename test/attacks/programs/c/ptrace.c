/* Attach to pid 1 (the box's init) with ptrace: steering another process. SV. */
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	long rc = syscall(SYS_ptrace, PTRACE_ATTACH, 1, 0, 0);
	printf("ESCAPED: ptrace returned %ld\n", rc);
	return 0;
}
