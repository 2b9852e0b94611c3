/* The preprocessor reads an endless device: the compile box's limits must end it (CE). */
#include "/dev/zero"
int main(void) { return 0; }
