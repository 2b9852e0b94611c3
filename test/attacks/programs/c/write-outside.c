/* Write outside the workspace: the root, /usr, /etc, /dev, /proc knobs, the program it was given. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int escaped;

static void try_create(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		printf("ESCAPED: wrote %s\n", path);
		escaped++;
		close(fd);
	}
}

static void try_write(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	if (fd >= 0 && write(fd, text, strlen(text)) > 0) {
		printf("ESCAPED: wrote %s\n", path);
		escaped++;
	}
	if (fd >= 0)
		close(fd);
}

int main(void)
{
	const char *paths[] = { "/airlock-pwned", "/usr/airlock-pwned", "/usr/bin/airlock-pwned", "/etc/airlock-pwned",
				"/dev/airlock-pwned", "/proc/airlock-pwned", "/lib/airlock-pwned", "/etc/passwd" };
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
		try_create(paths[i]);
	try_write("/proc/sys/kernel/hostname", "pwned");
	try_write("/proc/sys/vm/drop_caches", "1");
	try_write("/proc/sysrq-trigger", "h");
	try_write("/box/main", "pwned"); /* the program we were given is read-only to us */
	if (sethostname("pwned", 5) == 0) {
		puts("ESCAPED: sethostname");
		escaped++;
	}
	if (!escaped)
		puts("contained: nothing outside /box, /tmp and /dev/shm is writable");
	return 0;
}
