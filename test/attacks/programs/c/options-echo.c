/* Print macros set by compiler options: options are argv elements, so shell syntax stays text. */
#include <stdio.h>

int main(void)
{
	puts(MSG);
	puts(NL);
	return 0;
}
