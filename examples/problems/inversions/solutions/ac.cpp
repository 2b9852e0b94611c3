// Merge sort counting inversions: O(n log n), 64-bit count.
#include <cstdio>
#include <vector>
static long long sortCount(std::vector<int> &a, std::vector<int> &tmp, int lo, int hi) {
    if (hi - lo < 2) return 0;
    int mid = (lo + hi) / 2;
    long long c = sortCount(a, tmp, lo, mid) + sortCount(a, tmp, mid, hi);
    int i = lo, j = mid, k = lo;
    while (i < mid || j < hi) {
        if (j == hi || (i < mid && a[i] <= a[j])) tmp[k++] = a[i++];
        else { c += mid - i; tmp[k++] = a[j++]; }
    }
    for (k = lo; k < hi; k++) a[k] = tmp[k];
    return c;
}
int main() {
    int n;
    if (std::scanf("%d", &n) != 1) return 1;
    std::vector<int> a(n), tmp(n);
    for (int &x : a) std::scanf("%d", &x);
    std::printf("%lld\n", sortCount(a, tmp, 0, n));
}
