#include <cstdio>
#include <string>

int main() {
    int n;
    if (std::scanf("%d", &n) != 1) return 1;
    unsigned __int128 sum = 0;
    for (int i = 0; i < n; i++) {
        unsigned long long a;
        if (std::scanf("%llu", &a) != 1) return 1;
        sum += a;
    }
    std::string digits;
    do digits.insert(digits.begin(), char('0' + int(sum % 10))), sum /= 10; while (sum);
    std::puts(digits.c_str());
}
