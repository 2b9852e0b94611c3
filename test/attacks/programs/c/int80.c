/* The 32-bit syscall entry (int 0x80) has its own table, a classic way around x86-64 filters. SV. */
#include <stdio.h>

int main(void)
{
	long ret;
	/* 32-bit getuid32 is 199; any call will do: the box must die before it runs. */
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(199) : "memory");
	printf("ESCAPED: int 0x80 returned %ld\n", ret);
	return 0;
}
