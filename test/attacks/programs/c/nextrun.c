/*
 * Run after every attack on the same slot: nothing of the previous run may be
 * visible. Prints "clean" or one "LEFT: ..." line per finding.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int left;

static void found(const char *fmt, const char *what)
{
	printf("LEFT: ");
	printf(fmt, what);
	putchar('\n');
	left++;
}

/* Entries of dir other than the allowed names. */
static void only(const char *dir, const char *const *allowed)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		int ok = 0;
		for (const char *const *a = allowed; *a; a++)
			ok |= !strcmp(*a, e->d_name);
		if (!ok) {
			char path[512];
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			found("file %s", path);
		}
	}
	closedir(d);
}

/* Lines of a /proc table beyond its header. */
static void empty_table(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	char line[512];
	int n = 0;
	while (fgets(line, sizeof line, f))
		if (n++ > 0)
			found("entry in %s", path);
	fclose(f);
}

int main(void)
{
	const char *const box[] = { "main", "main.c", 0 };
	const char *const none[] = { 0 };
	only("/box", box);
	only("/tmp", none);
	only("/dev/shm", none);
	empty_table("/proc/sysvipc/shm");
	empty_table("/proc/sysvipc/msg");
	empty_table("/proc/sysvipc/sem");
	empty_table("/proc/net/unix");
	if (shmget(0x5a1a, 0, 0) >= 0)
		found("%s", "SysV shm key 0x5a1a");
	if (mq_open("/airlock-leak", O_RDONLY) >= 0)
		found("%s", "POSIX queue /airlock-leak");
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un ab = { .sun_family = AF_UNIX };
	memcpy(ab.sun_path, "\0airlock-leak", 13);
	if (connect(s, (struct sockaddr *)&ab, (socklen_t)(sizeof(sa_family_t) + 13)) == 0)
		found("%s", "abstract socket @airlock-leak");
	/* Processes: only us (init is hidden by hidepid). */
	DIR *d = opendir("/proc");
	struct dirent *e;
	while ((e = readdir(d)))
		if (e->d_name[0] >= '0' && e->d_name[0] <= '9' && atoi(e->d_name) != getpid())
			found("process %s", e->d_name);
	closedir(d);
	if (!left)
		puts("clean");
	return 0;
}
