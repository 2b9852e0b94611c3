/* Reserve 64 GiB without backing (MAP_NORESERVE), then touch it page by page: overcommit must not help. */
#include <stdio.h>
#include <sys/mman.h>

int main(void)
{
	size_t size = 64UL << 30;
	char *p = mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED) {
		puts("contained: mmap of 64 GiB refused");
		return 0;
	}
	for (size_t i = 0; i < size; i += 4096)
		p[i] = 1;
	puts("ESCAPED: touched 64 GiB");
	return 0;
}
