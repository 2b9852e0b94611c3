/* unshare(CLONE_NEWUSER) through a raw syscall instruction, no libc wrapper to intercept. SV. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>

int main(void)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"((long)SYS_unshare), "D"((long)CLONE_NEWUSER) : "rcx", "r11", "memory");
	printf("ESCAPED: raw unshare returned %ld\n", ret);
	return 0;
}
