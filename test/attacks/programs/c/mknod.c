/* Make device nodes (/dev/mem, a disk) in the writable workspace: no CAP_MKNOD, and the tmpfs is nodev. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

int main(void)
{
	struct { const char *path; mode_t type; int major, minor; } nodes[] = {
		{ "/box/mem", S_IFCHR, 1, 1 }, { "/tmp/vda", S_IFBLK, 253, 0 }, { "/dev/shm/kmsg", S_IFCHR, 1, 11 },
	};
	int escaped = 0;
	for (size_t i = 0; i < sizeof nodes / sizeof *nodes; i++) {
		if (mknod(nodes[i].path, nodes[i].type | 0666, makedev(nodes[i].major, nodes[i].minor)) == 0) {
			printf("ESCAPED: made %s\n", nodes[i].path);
			escaped++;
		} else
			printf("refused %s: %s\n", nodes[i].path, strerror(errno));
	}
	if (!escaped)
		puts("contained: no device node can be made");
	return 0;
}
