// Keeps 1 MiB blocks until it holds 512 MiB, with a 64 MiB limit: the cgroup's OOM killer stops it.
// Each block is written through a volatile pointer so the compiler cannot drop the allocation.
#include <iostream>
#include <vector>
int main() {
    std::vector<char *> blocks;
    for (int i = 0; i < 512; i++) {
        volatile char *p = new char[1 << 20];
        for (int j = 0; j < (1 << 20); j += 4096) p[j] = static_cast<char>(i);
        blocks.push_back(const_cast<char *>(p));
    }
    long long a, b;
    std::cin >> a >> b;
    std::cout << a + b + blocks.size() << "\n";
}
