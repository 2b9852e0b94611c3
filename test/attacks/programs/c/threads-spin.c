/* Eight spinning threads: CPU time must be summed over threads, not per thread. */
#include <pthread.h>
#include <unistd.h>

static void *spin(void *arg)
{
	volatile unsigned long n = 0;
	(void)arg;
	for (;;)
		n++;
	return 0;
}

int main(void)
{
	pthread_t t;
	for (int i = 0; i < 8; i++)
		pthread_create(&t, 0, spin, 0);
	pause();
	return 0;
}
