/* O(n^2): passes the small group, too slow for the large one (score 40). */
#include <stdio.h>
static int a[100000];
int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 1;
    for (int i = 0; i < n; i++) scanf("%d", &a[i]);
    long long c = 0;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) c += a[i] > a[j];
    printf("%lld\n", c);
    return 0;
}
