// Descending order, one per line.
#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>
int main() {
    long long n;
    if (std::scanf("%lld", &n) != 1) return 1;
    std::vector<long long> d;
    for (long long i = 1; i * i <= n; i++)
        if (n % i == 0) {
            d.push_back(i);
            if (i != n / i) d.push_back(n / i);
        }
    std::sort(d.begin(), d.end(), std::greater<long long>());
    std::printf("%zu\n", d.size());
    for (long long x : d) std::printf("%lld\n", x);
}
