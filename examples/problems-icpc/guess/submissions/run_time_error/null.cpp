// Records its guesses in a history it forgot to allocate.
#include <cstdio>
#include <cstring>

static int *history;

int main() {
    int lo = 1, hi = 1000;
    char reply[16];
    for (int i = 0; i < 10; i++) {
        int mid = (lo + hi) / 2;
        std::printf("%d\n", mid);
        std::fflush(stdout);
        history[i] = mid;
        if (std::scanf("%15s", reply) != 1 || !std::strcmp(reply, "correct")) return 0;
        if (!std::strcmp(reply, "lower")) hi = mid - 1; else lo = mid + 1;
    }
}
