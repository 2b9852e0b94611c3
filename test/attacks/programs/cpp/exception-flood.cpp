// Throw and print from many threads to stderr until the output cap: OLE, the service keeps a bounded copy.
#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

int main() {
	std::vector<std::thread> ts;
	for (int t = 0; t < 4; t++)
		ts.emplace_back([] {
			for (;;) {
				try {
					throw std::runtime_error(std::string(4096, '\xff'));
				} catch (const std::exception &e) {
					fputs(e.what(), stderr);
				}
			}
		});
	for (auto &t : ts) t.join();
}
