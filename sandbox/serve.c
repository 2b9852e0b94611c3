/*
 * `airlock-sandbox --serve SOCKET`: the launcher as a daemon. Each connection
 * is one box: the daemon forks a child that reads the launcher arguments from
 * the first frame and then runs exactly what the command line runs, with stdio
 * and the result record carried as frames on the connection (relay.c). Every
 * box is still built fresh; what the daemon saves is the exec of the launcher
 * and, for the service, a process spawn per run.
 *
 * The socket is created mode 0600 in a root-only directory: whoever can
 * connect can run boxes with any launcher option, so only root may.
 */
#include "sandbox.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define MAX_ARGS 1024

/* Frames after the arguments: files for /box ('F'), until 'G'. Held in memory, as a box's /box would be. */
static struct inline_file *read_files(int conn)
{
	struct inline_file *head = NULL, **tail = &head;
	for (;;) {
		char header[FRAME_HEADER];
		uint32_t len;
		if (!read_exact(conn, header, sizeof header))
			exit(EXIT_USAGE);
		memcpy(&len, header + 1, 4);
		if (header[0] == FRAME_GO && len == 0)
			return head;
		if (header[0] != FRAME_FILE || len > 64U << 20)
			usage_error("expected a file ('F') or go ('G') frame, got '%c' of %u bytes", header[0], len);
		char *payload = xmalloc(len + 1);
		if (!read_exact(conn, payload, len))
			exit(EXIT_USAGE);
		size_t name_len = strnlen(payload, len);
		if (name_len == len)
			usage_error("a file frame needs \"name\\0\" before its bytes");
		struct inline_file *f = xmalloc(sizeof *f);
		*f = (struct inline_file){ .name = payload, .data = payload + name_len + 1, .len = len - name_len - 1 };
		*tail = f;
		tail = &f->next;
	}
}

/* The first frame: the launcher's arguments, each ending with a NUL. */
static char **read_args(int conn, int *argc)
{
	char header[FRAME_HEADER];
	uint32_t len;
	if (!read_exact(conn, header, sizeof header))
		exit(EXIT_USAGE); /* the client left before asking anything */
	memcpy(&len, header + 1, 4);
	if (header[0] != FRAME_ARGS || len == 0 || len > FRAME_MAX)
		usage_error("the first frame must carry the arguments ('%c', %u bytes)", header[0], len);
	char *text = xmalloc(len + 1);
	if (!read_exact(conn, text, len))
		exit(EXIT_USAGE);
	/* Every argument ends with its NUL, so an empty last argument survives ("a\0\0" is two);
	 * a frame that does not end with one is refused rather than read past its end. */
	if (text[len - 1] != '\0')
		usage_error("the arguments frame must end with a NUL");
	text[len] = '\0';
	char **argv = xmalloc(sizeof(char *) * (MAX_ARGS + 2));
	int n = 0;
	argv[n++] = "airlock-sandbox";
	for (char *p = text; p < text + len && n <= MAX_ARGS; p += strlen(p) + 1)
		argv[n++] = p;
	if (n > MAX_ARGS)
		usage_error("more than %d arguments", MAX_ARGS);
	argv[n] = NULL;
	*argc = n;
	return argv;
}

static int listen_on(const char *path)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	/* The socket's name appears at bind() but it takes connections only after listen(): a client
	 * that saw the name in between was refused and its run failed. So bind a temporary name,
	 * listen, and only then rename it to the name clients wait for. */
	char tmp[sizeof addr.sun_path];
	int n = snprintf(tmp, sizeof tmp, "%s.%ld", path, (long)getpid());
	if (n < 0 || (size_t)n >= sizeof tmp)
		usage_error("--serve: socket path too long");
	memcpy(addr.sun_path, tmp, (size_t)n + 1);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		die_errno("socket");
	struct stat st;
	/* A socket left by an earlier daemon may go; anything else at that path may not. */
	if (lstat(path, &st) == 0 && S_ISSOCK(st.st_mode) && unlink(path) < 0)
		die_errno("remove the old socket %s", path);
	if (lstat(tmp, &st) == 0 && S_ISSOCK(st.st_mode) && unlink(tmp) < 0)
		die_errno("remove the old socket %s", tmp);
	mode_t old = umask(077);
	if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0)
		die_errno("bind %s", tmp);
	umask(old);
	if (listen(fd, 256) < 0)
		die_errno("listen on %s", tmp);
	if (rename(tmp, path) < 0)
		die_errno("rename %s to %s", tmp, path);
	return fd;
}

void serve(const char *path, int (*run_one)(void), struct config *cfg)
{
	/* The daemon belongs to whoever started it (the service): it goes when they go. Boxes
	 * already running finish: each child re-arms its own parent-death signal for init. */
	if (prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0) < 0)
		die_errno("set the parent-death signal");
	int ls = listen_on(path);
	/* Root mode: the boxes of every connection inherit the empty bounding set (main.c). */
	if (!cfg->rootless)
		drop_bounding_set_once();
	/* Templates and filters of earlier launcher builds go when a new daemon starts (an upgrade). */
	state_sweep(cfg->state_dir);
	/* Whatever our starter ignored is not for the boxes: every disposition to its default once here,
	 * so that each box resets only what a launcher changes afterwards (box.c, step_default_signals). */
	default_all_signals();
	signals_defaulted = true;
	/* Children are reaped by the kernel; each one reports to its own client. */
	if (signal(SIGCHLD, SIG_IGN) == SIG_ERR)
		die_errno("ignore SIGCHLD");
	fprintf(stderr, "airlock-sandbox: serving on %s\n", path);
	for (;;) {
		int conn = accept4(ls, NULL, NULL, SOCK_CLOEXEC);
		if (conn < 0) {
			if (errno == EINTR || errno == ECONNABORTED || errno == EMFILE || errno == ENFILE)
				continue;
			die_errno("accept on %s", path);
		}
		pid_t pid = fork();
		if (pid < 0) {
			close_fd(&conn); /* the client sees EOF and reports it; the daemon goes on */
			continue;
		}
		if (pid == 0) {
			close_fd(&ls);
			if (signal(SIGCHLD, SIG_DFL) == SIG_ERR || prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0) < 0)
				die_errno("reset SIGCHLD and the parent-death signal");
			die_result_fd = conn;
			die_result_framed = true;
			int argc;
			char **argv = read_args(conn, &argc);
			optind = 0; /* getopt starts over for this connection's arguments */
			const char *daemon_state = cfg->state_dir_given ? cfg->state_dir : NULL;
			cfg->framed_fd = conn;
			cfg->serve_path = NULL;
			parse_args(argc, argv, cfg);
			/* The daemon's state directory is its boxes' unless a client names another. */
			if (daemon_state && !cfg->state_dir_given)
				cfg->state_dir = daemon_state;
			cfg->result_fd = conn;
			cfg->files = read_files(conn);
			exit(run_one());
		}
		close_fd(&conn);
	}
}
