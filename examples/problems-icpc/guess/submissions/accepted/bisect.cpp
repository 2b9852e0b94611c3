#include <iostream>
#include <string>

int main() {
    int lo = 1, hi = 1000;
    for (std::string reply; reply != "correct";) {
        int mid = (lo + hi) / 2;
        std::cout << mid << std::endl;
        std::cin >> reply;
        if (reply == "lower") hi = mid - 1;
        if (reply == "higher") lo = mid + 1;
    }
}
