/*
 * --tty: the program's stdin, stdout and stderr are a pseudo-terminal of the
 * box's own, so it sees a terminal (prompts without a newline appear at once,
 * colours and \r work) while the supervisor, outside, holds the master.
 *
 * The pty comes from a devpts instance mounted in the box's mount namespace:
 * its ptys are not the host's and not another box's, and no host tty is
 * reachable (the box's /dev has no other tty node; /dev/tty is the caller's
 * own controlling terminal, which is this pty). Everything the program writes
 * to it is read from the master through the same capped relay as a pipe.
 * TIOCSTI, TIOCLINUX and TIOCSETD stay refused by the seccomp floor.
 */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <termios.h>
#include <unistd.h>

/* The size a terminal has until the caller says otherwise (a 'W' frame): the VT100's. */
#define DEFAULT_COLS 80
#define DEFAULT_ROWS 24
/*
 * Ptys this box may have at once (the program's own is one). Each costs kernel memory that no
 * cgroup counts, and all devpts instances but the host's share kernel.pty.max: without a cap a
 * box opening /dev/ptmx in a loop would starve the other boxes' terminals.
 */
#define MAX_PTYS "16"

static void step_devpts(void)
{
	/* A fresh instance (every devpts mount is one since Linux 4.7; "newinstance" says so on older
	 * kernels): ptys made here are the box's only. No gid=: the box has no tty group, and a host
	 * gid would mean nothing inside. mode=0600: a slave is its owner's alone. */
	if (mount("devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC,
		  "newinstance,ptmxmode=0666,mode=0600,max=" MAX_PTYS) < 0)
		die_errno("mount the box's devpts on /dev/pts");
}

static int step_open_master(const struct config *cfg)
{
	/* /dev/ptmx is a link to /dev/pts/ptmx (the template made it), so this is the box's instance. */
	int master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (master < 0)
		die_errno("open /dev/ptmx");
	int unlock = 0;
	if (ioctl(master, TIOCSPTLCK, &unlock) < 0)
		die_errno("unlock the pty");
	struct winsize ws = { .ws_row = (unsigned short)(cfg->tty_rows ? cfg->tty_rows : DEFAULT_ROWS),
			      .ws_col = (unsigned short)(cfg->tty_cols ? cfg->tty_cols : DEFAULT_COLS) };
	if (ioctl(master, TIOCSWINSZ, &ws) < 0)
		die_errno("set the pty's size");
	return master;
}

static int step_open_slave(const struct config *cfg, int master)
{
	/* Through the master, not by path: no name in /dev/pts could be swapped under us. */
	int slave = ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (slave < 0)
		die_errno("open the pty's slave (TIOCGPTPEER, kernel 4.13 or later)");
	/* The program's own terminal, as a login's is: it may reopen it by name (ttyname, `tty`). */
	if (fchown(slave, cfg->uid, cfg->gid) < 0)
		die_errno("give the box its pty");
	return slave;
}

int tty_open(const struct config *cfg, int *slave)
{
	step_devpts();
	int master = step_open_master(cfg);
	*slave = step_open_slave(cfg, master);
	return master;
}

void tty_take(void)
{
	/* The slave (fd 0 by now) becomes the controlling terminal of the program's new session, so
	 * ^C, ^Z and window changes reach it as signals, as on any terminal. */
	if (ioctl(0, TIOCSCTTY, 0) < 0)
		die_errno("make the pty the controlling terminal");
}

void tty_resize(int master, unsigned cols, unsigned rows)
{
	struct winsize ws = { .ws_col = (unsigned short)cols, .ws_row = (unsigned short)rows };
	/* The kernel sends SIGWINCH to the foreground process group; a box already gone answers EIO. */
	if (ioctl(master, TIOCSWINSZ, &ws) < 0 && errno != EIO)
		die_errno("set the pty's size");
}
