/*
 * Plant symlinks where the service later reads the box's files (--copy-out):
 * a result file that points at a host secret, a directory that points at /etc
 * and a relative path that climbs out. Judge0's CVE-2024-28185 was this.
 */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *secret = argc > 1 ? argv[1] : "/etc/shadow";
	char up[512];
	snprintf(up, sizeof up, "../../../../../../..%s", secret);
	symlink(secret, "/box/result.txt");
	symlink("/etc", "/box/etc");
	symlink(up, "/box/up");
	mkdir("/box/dir", 0755);
	symlink("/root", "/box/dir/root");
	symlink("/box/dir", "/box/dir/loop");
	FILE *f = fopen("/box/plain.txt", "w");
	fputs("an ordinary artifact\n", f);
	fclose(f);
	puts("planted symlinks in /box; the service must copy plain.txt only");
	return 0;
}
