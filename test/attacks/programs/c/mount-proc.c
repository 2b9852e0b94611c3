/* Mount a fresh proc (or anything) to see more of the host: mount is a hostile call. SV. */
#include <stdio.h>
#include <sys/mount.h>

int main(void)
{
	int rc = mount("proc", "/tmp", "proc", 0, 0);
	printf("ESCAPED: mount returned %d\n", rc);
	return 0;
}
