/*
 * Reach the service or the host through unix sockets: the test's own socket
 * on the host (path and abstract name), the launcher's state directory,
 * Docker, systemd and D-Bus.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int escaped;

static void try(const char *path, int abstract)
{
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	socklen_t len = sizeof a;
	if (abstract) {
		a.sun_path[0] = 0;
		strncpy(a.sun_path + 1, path, sizeof a.sun_path - 2);
		len = (socklen_t)(sizeof(sa_family_t) + 1 + strlen(path));
	} else
		strncpy(a.sun_path, path, sizeof a.sun_path - 1);
	if (connect(s, (struct sockaddr *)&a, len) == 0) {
		printf("ESCAPED: connected to %s%s\n", abstract ? "@" : "", path);
		escaped++;
	} else
		printf("refused %s%s: %s\n", abstract ? "@" : "", path, strerror(errno));
	close(s);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		try(argv[1], 0);
	if (argc > 2)
		try(argv[2], 1);
	const char *paths[] = { "/run/airlock/airlock.sock", "/var/run/docker.sock", "/run/systemd/private",
				"/run/dbus/system_bus_socket", "/run/systemd/journal/socket", "/dev/log" };
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
		try(paths[i], 0);
	if (!escaped)
		puts("contained: no unix socket of the host answers");
	return 0;
}
