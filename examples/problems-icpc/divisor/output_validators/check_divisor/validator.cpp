// validator input answer feedback_dir < team_output
#include <cstring>
#include <fstream>
#include <iostream>
#include "verdict.h"

int main(int argc, char **argv) {
    if (argc < 4) return 1;  // neither 42 nor 43: a judge error
    feedback_dir = argv[3];
    long long n;
    std::string expected, got;
    std::ifstream(argv[1]) >> n;
    std::ifstream(argv[2]) >> expected;
    if (!(std::cin >> got)) reject("no output");
    std::string extra;
    if (std::cin >> extra) reject("more output after \"%s\"", got.c_str());
    if (got == "prime") {
        if (expected == "prime") accept();
        reject("%lld is not prime", n);
    }
    char *end;
    long long d = std::strtoll(got.c_str(), &end, 10);
    if (*end || got.empty()) reject("\"%s\" is neither a number nor \"prime\"", got.c_str());
    if (d <= 1 || d >= n) reject("%lld is not between 1 and %lld", d, n);
    if (n % d) reject("%lld does not divide %lld", d, n);
    accept();
}
