#include <stdio.h>

int main(void) {
	double a, b;
	if (scanf("%lf %lf", &a, &b) != 2) return 1;
	/* Search the answer in steps of 1e-9: far too slow. */
	volatile double x = 0;
	while (x * x < a * a + b * b) x += 1e-9;
	printf("%.10f\n", x);
	return 0;
}
