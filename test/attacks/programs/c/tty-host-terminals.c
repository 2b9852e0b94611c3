/* With a terminal (--tty), reach for the host's terminals: the console, virtual consoles, serial
 * lines, the host's ptys by name, and /dev/tty as anything but the box's own pty. Prints
 * "contained" when nothing but its own terminal opened. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

static int tried;

static void try_open(const char *path)
{
	tried++;
	int fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK);
	if (fd >= 0) {
		printf("ESCAPED: opened %s\n", path);
		close(fd);
	}
}

int main(void)
{
	struct stat own;
	if (!isatty(0) || fstat(0, &own) < 0) {
		puts("not a tty");
		return 0;
	}
	static const char *const fixed[] = { "/dev/console", "/dev/tty0", "/dev/ttyS0", "/dev/vcs", "/dev/vcsa", "/dev/tty63" };
	for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
		try_open(fixed[i]);
	char path[64];
	for (int n = 1; n < 64; n++) {
		snprintf(path, sizeof path, "/dev/tty%d", n);
		try_open(path);
	}
	/* /dev/tty (5:0) opens the caller's controlling terminal: it must be our own pty. */
	int tty = open("/dev/tty", O_RDWR | O_NOCTTY);
	unsigned int dev = 0;
	if (tty >= 0 && ioctl(tty, TIOCGDEV, &dev) == 0 && dev != own.st_rdev)
		printf("ESCAPED: /dev/tty is terminal %u, not the box's own %u\n", dev, (unsigned)own.st_rdev);
	if (tty < 0)
		printf("/dev/tty: %s\n", strerrorname_np(errno));
	printf("contained: %d host terminals refused, /dev/tty is the box's own\n", tried);
	return 0;
}
