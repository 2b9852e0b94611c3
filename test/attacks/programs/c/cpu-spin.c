/* A busy loop: the seed's RLIMIT_CPU case. The box must end with TLE on CPU time. */
int main(void)
{
	volatile unsigned long n = 0;
	for (;;)
		n++;
}
