/* Include the compiler's own environment: it must hold nothing of the service's. */
#include "/proc/self/environ"
int main(void) { return 0; }
