/* Read the host's secrets: password hashes, keys, the service's state and config, other processes' env. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *paths[] = {
		"/etc/shadow", "/etc/gshadow", "/etc/sudoers", "/etc/ssh/ssh_host_ed25519_key",
		"/root/.ssh/authorized_keys", "/root/.bash_history", "/home", "/var/lib/airlock",
		"/run/airlock", "/run/secrets", "/proc/1/environ", "/proc/1/root/etc/shadow",
		"/proc/kcore", "/sys/kernel/notes", "/sys/fs/cgroup", "/boot", "/dev/mem", "/dev/kmsg",
		"/dev/vda", "/dev/sda", "/work", "/etc/airlock",
		argc > 1 ? argv[1] : "/nonexistent",
	};
	int escaped = 0;
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		int fd = open(paths[i], O_RDONLY);
		if (fd >= 0) {
			printf("ESCAPED: %s is readable\n", paths[i]);
			escaped++;
			close(fd);
		}
	}
	if (!escaped)
		puts("contained: no host secret readable");
	return 0;
}
