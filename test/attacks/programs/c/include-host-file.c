/* Include host secrets so that the compiler's error message quotes them. They are not in the compile box. */
#include "/etc/shadow"
#include "/root/.ssh/id_rsa"
int main(void) { return 0; }
