/*
 * Install a seccomp filter of the box's own that answers EPERM to unshare and
 * ptrace, then try both. The kernel takes the strongest answer among filters,
 * and ERRNO outranks the user notification through which the supervisor sees
 * hostile calls: the attempts would fail quietly and the run would end OK
 * instead of SV. Nothing runs either way; what is at stake is the verdict.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_unshare, 1, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_ptrace, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof code / sizeof *code, code };
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0 &&
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) < 0) {
		printf("contained: no filter of our own (%s)\n", strerrorname_np(errno));
		return 0;
	}
	int u = unshare(CLONE_NEWUSER);
	int e = errno;
	long p = syscall(SYS_ptrace, -1, 0, 0, 0);
	printf("ESCAPED: unshare %s, ptrace %s: hostile calls hidden from the supervisor\n", u < 0 ? strerrorname_np(e) : "ran",
	       p < 0 ? strerrorname_np(errno) : "ran");
	return 0;
}
