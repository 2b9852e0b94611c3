/* Real-time scheduling and negative nice: a box that starves the host's CPU. RLIMIT_RTPRIO and NICE are 0. */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

int main(void)
{
	int escaped = 0;
	struct sched_param p = { .sched_priority = 50 };
	if (sched_setscheduler(0, SCHED_FIFO, &p) == 0) {
		puts("ESCAPED: SCHED_FIFO");
		escaped++;
	}
	if (setpriority(PRIO_PROCESS, 0, -20) == 0) {
		puts("ESCAPED: nice -20");
		escaped++;
	}
	if (!escaped)
		puts("contained: no real-time priority, no negative nice");
	return 0;
}
