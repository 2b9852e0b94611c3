/* With a terminal (--tty), flood it: the pty's output goes through the same byte cap as a pipe's. OLE;
 * "not a tty" (OK) means the flood went elsewhere. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	if (!isatty(1)) {
		puts("not a tty");
		return 0;
	}
	char line[4096];
	memset(line, 'x', sizeof line);
	line[sizeof line - 1] = '\n';
	for (;;)
		if (write(1, line, sizeof line) < 0)
			return 1;
}
