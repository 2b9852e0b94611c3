/* ptrace is a forbidden system call: the sandbox stops the box (security violation). */
#include <stdio.h>
#include <sys/ptrace.h>
int main(void) {
    ptrace(PTRACE_TRACEME, 0, 0, 0);
    puts("3");
    return 0;
}
