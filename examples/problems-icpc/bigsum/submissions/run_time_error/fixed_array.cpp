// Keeps the numbers in a table of ten: the large group overruns it.
#include <cstdio>
#include <vector>

int main() {
    int n;
    if (std::scanf("%d", &n) != 1) return 1;
    std::vector<unsigned long long> a(10);
    unsigned long long sum = 0;
    for (int i = 0; i < n; i++) {
        if (std::scanf("%llu", &a.at(i)) != 1) return 1;
        sum += a.at(i);
    }
    std::printf("%llu\n", sum);
}
