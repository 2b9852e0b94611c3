/* Reads n and then waits for a reply it never asked for: both sides wait until the wall-clock limit. */
#include <stdio.h>
int main(void) {
    long long n;
    char buf[16];
    if (scanf("%lld", &n) != 1) return 1;
    if (scanf("%15s", buf) != 1) return 1;
    return 0;
}
