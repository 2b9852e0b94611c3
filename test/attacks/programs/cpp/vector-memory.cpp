// Grow a vector until memory runs out: bad_alloc (RE) or the cgroup OOM killer (MLE), never the host's memory.
#include <cstdio>
#include <vector>

int main() {
	std::vector<std::vector<char>> blocks;
	for (;;) blocks.emplace_back(1 << 20, 'x');
}
