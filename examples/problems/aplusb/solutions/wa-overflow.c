/* int is 32 bits: 2000000000 + 2000000000 overflows. */
#include <stdio.h>
int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    int s = (int)a + (int)b;
    printf("%d\n", s);
    return 0;
}
