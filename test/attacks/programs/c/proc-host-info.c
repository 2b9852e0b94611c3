/* Host-wide /proc files a box can still read: a documented limitation, listed here as evidence. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	const char *files[] = { "/proc/cmdline", "/proc/sys/kernel/random/boot_id", "/proc/cpuinfo", "/proc/meminfo",
				"/proc/loadavg", "/proc/key-users", "/proc/self/mountinfo", "/proc/kallsyms", "/proc/sched_debug",
				"/proc/timer_list", "/proc/modules", "/proc/slabinfo" };
	printf("exposed (documented limitation):");
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		char c;
		int fd = open(files[i], O_RDONLY);
		if (fd >= 0 && read(fd, &c, 1) == 1)
			printf(" %s", files[i] + 6);
		if (fd >= 0)
			close(fd);
	}
	putchar('\n');
	return 0;
}
