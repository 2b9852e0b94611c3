/* Adds by counting: fine for small numbers, endless for large ones. */
#include <stdio.h>

int main(void) {
	int n;
	unsigned long long a;
	volatile unsigned long long sum = 0;
	if (scanf("%d", &n) != 1) return 1;
	while (n-- > 0 && scanf("%llu", &a) == 1)
		for (unsigned long long i = 0; i < a; i++) sum++;
	printf("%llu\n", sum);
	return 0;
}
