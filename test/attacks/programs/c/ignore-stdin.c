/* Given 32 MiB of stdin, never read it: neither the launcher nor the service may block on it. */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	usleep(100000);
	puts("contained: exited without reading stdin");
	return 0;
}
