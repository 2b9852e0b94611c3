/* bpf() and io_uring_setup() through raw syscall instructions: the filter answers ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>

static long raw3(long nr, long a, long b, long c)
{
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
	return ret;
}

int main(void)
{
	long b = raw3(SYS_bpf, 0, 0, 0), u = raw3(SYS_io_uring_setup, 1, 0, 0);
	printf("bpf: %ld, io_uring_setup: %ld\n", b, u);
	puts(b == -ENOSYS && u == -ENOSYS ? "contained: ENOSYS from the filter" : "ESCAPED: the kernel saw the call");
	return 0;
}
