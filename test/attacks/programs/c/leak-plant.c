/*
 * Leave something behind for the next run in every shared place we know:
 * files, SysV shared memory, queues and semaphores, a POSIX queue, an
 * abstract unix socket (held by a daemon), a named socket and a lock. The
 * next run on the same slot looks for each of them (programs/c/nextrun.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define KEY 0x5a1a

static void planted(const char *what, int rc)
{
	printf("%s: %s\n", what, rc < 0 ? strerror(errno) : "planted");
}

int main(void)
{
	const char *files[] = { "/tmp/airlock-leak", "/dev/shm/airlock-leak", "/box/airlock-leak" };
	for (int i = 0; i < 3; i++)
		planted(files[i], open(files[i], O_WRONLY | O_CREAT, 0666));
	planted("sysv shm", shmget(KEY, 4096, IPC_CREAT | 0666));
	planted("sysv msg", msgget(KEY, IPC_CREAT | 0666));
	planted("sysv sem", semget(KEY, 1, IPC_CREAT | 0666));
	struct mq_attr attr = { .mq_maxmsg = 1, .mq_msgsize = 16 };
	planted("posix mq", mq_open("/airlock-leak", O_CREAT | O_RDWR, 0666, &attr));
	int lock = open("/tmp/airlock-leak", O_RDWR);
	planted("flock", flock(lock, LOCK_EX));
	int named = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	strcpy(a.sun_path, "/tmp/airlock-leak.sock");
	planted("named socket", bind(named, (struct sockaddr *)&a, sizeof a));
	if (fork() == 0) {
		/* A daemon holding an abstract socket: abstract names live in the network namespace. */
		int s = socket(AF_UNIX, SOCK_STREAM, 0);
		struct sockaddr_un ab = { .sun_family = AF_UNIX };
		memcpy(ab.sun_path, "\0airlock-leak", 13);
		int rc = bind(s, (struct sockaddr *)&ab, (socklen_t)(sizeof(sa_family_t) + 13));
		listen(s, 1);
		planted("abstract socket", rc);
		fflush(stdout);
		setsid();
		for (;;)
			pause();
	}
	usleep(100000);
	return 0;
}
