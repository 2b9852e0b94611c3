/* Proper divisors only: n itself is missing. */
#include <stdio.h>
int main(void) {
    long long n, d[20000];
    int k = 0;
    if (scanf("%lld", &n) != 1) return 1;
    for (long long i = 1; i * i <= n; i++)
        if (n % i == 0) {
            if (i != n) d[k++] = i;
            if (i != n / i && n / i != n) d[k++] = n / i;
        }
    printf("%d\n", k);
    for (int i = 0; i < k; i++) printf("%lld ", d[i]);
    printf("\n");
    return 0;
}
