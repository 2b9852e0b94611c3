/* Leave a FIFO, a socket and a device-looking name as "output files": copying them out must not hang. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

int main(void)
{
	mkfifo("/box/output.txt", 0666);
	mkfifo("/box/main.out", 0666);
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	strcpy(a.sun_path, "/box/result.sock");
	bind(s, (struct sockaddr *)&a, sizeof a);
	puts("left a FIFO and a socket in /box; copy-out must skip them without blocking");
	return 0;
}
