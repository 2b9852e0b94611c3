#include <cstdio>

int main() {
    long long n;
    if (std::scanf("%lld", &n) != 1) return 1;
    for (long long d = 2; d * d <= n; d++)
        if (n % d == 0) return std::printf("%lld\n", d), 0;
    std::puts("prime");
}
