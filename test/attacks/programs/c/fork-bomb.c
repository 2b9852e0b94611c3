/* The classic fork bomb: the pids controller caps it, teardown must kill every copy. */
#include <unistd.h>

int main(void)
{
	for (;;)
		fork();
}
