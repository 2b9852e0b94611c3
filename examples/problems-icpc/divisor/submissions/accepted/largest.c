/* A different right answer: the largest proper divisor. */
#include <stdio.h>

int main(void) {
	long long n;
	if (scanf("%lld", &n) != 1) return 1;
	for (long long d = 2; d * d <= n; d++)
		if (n % d == 0) return printf("%lld\n", n / d), 0;
	puts("prime");
	return 0;
}
