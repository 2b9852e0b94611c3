/* A flood of NUL bytes and invalid UTF-8 on stdout: OLE at the cap, the service's memory bounded. */
#include <string.h>
#include <unistd.h>

int main(void)
{
	static char buf[65536];
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (i % 3 == 0) ? 0 : (i % 3 == 1) ? (char)0xff : (char)0xc3;
	for (;;)
		if (write(1, buf, sizeof buf) < 0)
			return 3;
}
