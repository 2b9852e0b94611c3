/*
 * Make a setuid copy of ourselves in /box and run it (the workspace is nosuid,
 * no_new_privs is set), and leave it for --copy-out: the copy on the host must
 * not keep the setuid bit.
 */
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "child") == 0) {
		int nnp = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
		printf("child: uid %d euid %d no_new_privs %d\n", getuid(), geteuid(), nnp);
		puts(geteuid() == 0 || geteuid() != getuid() ? "ESCAPED: euid changed" : "contained: setuid bit ignored");
		return 0;
	}
	FILE *in = fopen("/proc/self/exe", "rb"), *out = fopen("/box/suid", "wb");
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		fwrite(buf, 1, n, out);
	fclose(in);
	fclose(out);
	if (chmod("/box/suid", 06755) < 0)
		perror("chmod");
	fflush(stdout);
	execl("/box/suid", "suid", "child", (char *)0);
	perror("exec");
	return 1;
}
