/* An ordinary program: the attack is in the compiler options it is built with. */
#include <stdio.h>

int main(void)
{
	puts("hello");
	return 0;
}
