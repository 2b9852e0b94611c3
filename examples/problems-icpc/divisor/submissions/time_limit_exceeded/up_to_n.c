/* Right, but tries every candidate up to n: too slow for large primes. */
#include <stdio.h>

int main(void) {
	long long n;
	if (scanf("%lld", &n) != 1) return 1;
	for (long long d = 2; d < n; d++)
		if (n % d == 0) return printf("%lld\n", d), 0;
	puts("prime");
	return 0;
}
