/*
 * Rootless mode: the launcher runs as an ordinary user (no root at run time).
 * It first moves itself into a user namespace of its own, where it holds the
 * capabilities that building a box needs, mapping one uid: the box's uid
 * inside is the caller's uid outside. Everything it then creates (the pid,
 * mount, network, IPC and UTS namespaces, tmpfs, binds) belongs to that user
 * namespace and gives no power over the host. Cgroups come from a subtree the
 * caller's user was delegated once by root (setup.sh --rootless-user).
 *
 * What rootless mode cannot do: a distinct host uid per slot (every box is
 * the service's uid outside; the pid namespaces keep them apart), pooled
 * network namespaces and shared templates (neither can be kept across
 * launchers), device nodes (host /dev/null and friends are bound instead).
 */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

static void write_proc(const char *file, const char *text)
{
	if (!write_file(file, text))
		die_errno("write %s", file);
}

void userns_enter_own(const struct config *cfg)
{
	uid_t uid = geteuid();
	gid_t gid = getegid();
	if (unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0)
		die_errno("unshare a user namespace (rootless mode needs user namespaces: see `airlock doctor`)");
	char map[64];
	/* Without setgroups denied, an unprivileged process may not write gid_map. */
	write_proc("/proc/self/setgroups", "deny");
	snprintf(map, sizeof map, "%u %u 1\n", (unsigned)cfg->uid, (unsigned)uid);
	write_proc("/proc/self/uid_map", map);
	snprintf(map, sizeof map, "%u %u 1\n", (unsigned)cfg->gid, (unsigned)gid);
	write_proc("/proc/self/gid_map", map);
	/* Our mounts (the box's root tmpfs) must not propagate into the caller's namespace. */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		die_errno("make / private");
}
