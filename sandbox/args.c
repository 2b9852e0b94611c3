/* Command-line parsing into a struct config; every value is checked here once. */
#include "sandbox.h"

#include <getopt.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_UID_BASE 60000
#define ROOTLESS_UID 1000

/* Where a rootless launcher keeps its state: the user's runtime dir, else a private one in /tmp. */
static const char *rootless_state_dir(void)
{
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	if (xdg && xdg[0] == '/')
		return xasprintf("%s/airlock", xdg);
	return xasprintf("/tmp/airlock-%u", (unsigned)geteuid());
}

static const char help_text[] =
	"Usage: airlock-sandbox [OPTIONS] -- COMMAND [ARGS...]\n"
	"Run COMMAND in a fresh kernel-isolated box and print one result record.\n"
	"\n"
	"Identity and placement:\n"
	"  --slot N              concurrent slot (0-9999): names the cgroup and lock (0)\n"
	"  --uid N, --gid N      credentials inside the box (60000 + slot; rootless: 1000)\n"
	"  --state-dir DIR       lock files and mount points (/run/airlock; rootless:\n"
	"                        $XDG_RUNTIME_DIR/airlock or /tmp/airlock-UID)\n"
	"  --cgroup-root DIR     parent cgroup for boxes (auto-detected)\n"
	"  --cgroup v1|v2|auto   force a cgroup hierarchy (auto)\n"
	"Limits, in plain decimal (sizes take K, M, G, at most 1T; times are seconds,\n"
	"at most 86400, with up to 6 decimals; every limit is at least 1):\n"
	"  --time S              CPU time of all processes together (5)\n"
	"  --wall-time S         wall-clock time (10)\n"
	"  --memory BYTES        memory of all processes, swap off (256M)\n"
	"  --processes N         processes and threads of the program (64)\n"
	"  --file-size BYTES     largest file the program may write (64M)\n"
	"  --disk BYTES          size of each of /box, /tmp and /dev/shm (64M)\n"
	"  --inodes N            files in each of them (4096)\n"
	"  --open-files N        open file descriptors per process (256)\n"
	"  --stack BYTES         stack size (64M)\n"
	"  --output BYTES        stdout and stderr together; more kills the box (16M)\n"
	"Box contents:\n"
	"  --root DIR            root image to take /usr, /lib* and /etc from (/)\n"
	"  --bind SRC DST        read-only bind of SRC at DST (repeatable)\n"
	"  --bind-rw SRC DST     writable bind (repeatable; use with care)\n"
	"  --etc NAME            also expose /etc/NAME from the root image (repeatable)\n"
	"  --copy-in DIR         copy DIR's files into /box before the run\n"
	"  --copy-out DIR        copy /box's files to DIR after the run\n"
	"  --copy-out-limit B    total bytes --copy-out may write (64M)\n"
	"  --cwd DIR             working directory (/box)\n"
	"  --hostname NAME       hostname (box)\n"
	"  --env NAME=VALUE      environment entry (repeatable); nothing else is passed\n"
	"  --network             share the host network (off: an empty namespace)\n"
	"Standard streams:\n"
	"  --stdin FILE          program reads FILE (default: relayed from our stdin)\n"
	"  --merge-stderr        program's stderr goes to its stdout\n"
	"  --passthrough         give the program our fds 0-2 directly (no output cap)\n"
	"  --tty                 the program's stdin, stdout and stderr are a pty of the\n"
	"                        box's own (stderr merged); we relay its master, capped\n"
	"  --tty-size COLSxROWS  the pty's size when the program starts (80x24)\n"
	"System calls:\n"
	"  --seccomp-allow FILE  allow only the syscalls named in FILE (plus the floor)\n"
	"  --seccomp-record      report every syscall made (profiling), deny only the floor\n"
	"Result:\n"
	"  --result-fd N         write the result record to fd N (stderr)\n"
	"  --cleanup             only remove what a killed launcher left for --slot\n"
	"  --serve SOCKET        run as a daemon: one box per connection on this unix\n"
	"                        socket (root only), framed I/O (docs/launcher-protocol.md)\n"
	"  --timing              print the time each setup step took to stderr\n"
	"  --die-with-parent     cancel the run (as SIGTERM would) if our parent dies\n"
	"  --help                this text\n"
	"\n"
	"Run as root, or as an ordinary user (rootless mode: a user namespace per launcher\n"
	"and a cgroup subtree delegated to that user once; see docs/launcher-protocol.md).\n"
	"\n"
	"Exit status: 0 the program ran (see the record), 1 bad arguments,\n"
	"2 the sandbox failed (record status IE), 3 the slot is busy.\n"
	"See docs/launcher-protocol.md.\n";

enum opt {
	O_SLOT = 256, O_UID, O_GID, O_STATE, O_CGROOT, O_CGMODE, O_TIME, O_WALL,
	O_MEM, O_PROCS, O_FSIZE, O_DISK, O_INODES, O_NOFILE, O_STACK, O_OUTPUT,
	O_ROOT, O_BIND, O_BIND_RW, O_ETC, O_COPY_IN, O_COPY_OUT, O_COPY_LIMIT,
	O_CWD, O_HOST, O_ENV, O_NET, O_STDIN, O_MERGE, O_PASS, O_SC_ALLOW,
	O_SC_RECORD, O_RESULT, O_CLEANUP, O_TIMING, O_SERVE, O_DIE_WITH_PARENT, O_TTY, O_TTY_SIZE, O_HELP,
};

static const struct option options[] = {
	{ "slot", 1, 0, O_SLOT }, { "uid", 1, 0, O_UID }, { "gid", 1, 0, O_GID },
	{ "state-dir", 1, 0, O_STATE }, { "cgroup-root", 1, 0, O_CGROOT },
	{ "cgroup", 1, 0, O_CGMODE }, { "time", 1, 0, O_TIME },
	{ "wall-time", 1, 0, O_WALL }, { "memory", 1, 0, O_MEM },
	{ "processes", 1, 0, O_PROCS }, { "file-size", 1, 0, O_FSIZE },
	{ "disk", 1, 0, O_DISK }, { "inodes", 1, 0, O_INODES },
	{ "open-files", 1, 0, O_NOFILE }, { "stack", 1, 0, O_STACK },
	{ "output", 1, 0, O_OUTPUT }, { "root", 1, 0, O_ROOT },
	{ "bind", 1, 0, O_BIND }, { "bind-rw", 1, 0, O_BIND_RW },
	{ "etc", 1, 0, O_ETC }, { "copy-in", 1, 0, O_COPY_IN },
	{ "copy-out", 1, 0, O_COPY_OUT }, { "copy-out-limit", 1, 0, O_COPY_LIMIT },
	{ "cwd", 1, 0, O_CWD }, { "hostname", 1, 0, O_HOST }, { "env", 1, 0, O_ENV },
	{ "network", 0, 0, O_NET }, { "stdin", 1, 0, O_STDIN },
	{ "merge-stderr", 0, 0, O_MERGE }, { "passthrough", 0, 0, O_PASS }, { "tty", 0, 0, O_TTY },
	{ "tty-size", 1, 0, O_TTY_SIZE },
	{ "seccomp-allow", 1, 0, O_SC_ALLOW }, { "seccomp-record", 0, 0, O_SC_RECORD },
	{ "result-fd", 1, 0, O_RESULT }, { "cleanup", 0, 0, O_CLEANUP },
	{ "timing", 0, 0, O_TIMING }, { "serve", 1, 0, O_SERVE }, { "die-with-parent", 0, 0, O_DIE_WITH_PARENT }, { "help", 0, 0, O_HELP }, { 0, 0, 0, 0 },
};

/*
 * --tty-size COLSxROWS, each side 1 to TTY_MAX_SIDE. Threat: a program that reads its terminal's
 * size at once (a full-screen editor) drew for 80x24 when the caller's first 'W' frame arrived
 * after it had started; the size now comes with the arguments, before the program exists.
 */
static void need_tty_size(const char *s, struct config *cfg)
{
	char *x = NULL, *end = NULL;
	unsigned long cols = s[0] >= '0' && s[0] <= '9' ? strtoul(s, &x, 10) : 0;
	unsigned long rows = cols && *x == 'x' && x[1] >= '0' && x[1] <= '9' ? strtoul(x + 1, &end, 10) : 0;
	if (!rows || *end || cols > TTY_MAX_SIDE || rows > TTY_MAX_SIDE)
		usage_error("--tty-size wants COLSxROWS, each from 1 to %d, got '%s'", TTY_MAX_SIDE, s);
	cfg->tty_cols = (unsigned)cols;
	cfg->tty_rows = (unsigned)rows;
}

/* A box path must be absolute and plain: no "..", no "//", not "/" itself. */
static bool plain_box_path(const char *p)
{
	if (p[0] != '/' || p[1] == 0 || strstr(p, "//") || strstr(p, "/../") ||
	    strstr(p, "/./"))
		return false;
	size_t n = strlen(p);
	if (p[n - 1] == '/' || (n >= 3 && strcmp(p + n - 3, "/..") == 0) ||
	    (n >= 2 && strcmp(p + n - 2, "/.") == 0))
		return false;
	return true;
}

/*
 * The largest value each kind of limit takes (docs/launcher-protocol.md). Beyond them a value
 * means nothing a box can use, and near 2^64 the arithmetic on it would wrap: --output
 * 18446744073709551615 once made the relay read nothing at all. Every limit is at least 1.
 */
#define MAX_SECONDS_US (86400ULL * 1000000) /* --time, --wall-time: a day */
#define MAX_BYTES (1ULL << 40)              /* sizes: 1 TiB */
#define MAX_PROCESSES (1ULL << 22)          /* the kernel's largest pid_max */
#define MAX_INODES (1ULL << 24)
#define MAX_OPEN_FILES (1ULL << 20)         /* the kernel's default nr_open */

static uint64_t need_uint(const char *name, const char *v, uint64_t min, uint64_t max)
{
	uint64_t out;
	if (!parse_uint(v, max, &out) || out < min)
		usage_error("--%s wants a whole number from %llu to %llu in plain decimal, got '%s'", name,
			    (unsigned long long)min, (unsigned long long)max, v);
	return out;
}

static uint64_t need_bytes(const char *name, const char *v)
{
	uint64_t out;
	if (!parse_bytes(v, MAX_BYTES, &out) || out == 0)
		usage_error("--%s wants a size from 1 byte to 1T in plain decimal, like 65536, 64K, 256M or 1024G, got '%s'",
			    name, v);
	return out;
}

static uint64_t need_seconds(const char *name, const char *v)
{
	uint64_t out;
	if (!parse_seconds_us(v, MAX_SECONDS_US, &out) || out == 0)
		usage_error("--%s wants seconds from 0.000001 to %llu in plain decimal with at most 6 decimals, like 2 or 0.5, got '%s'",
			    name, MAX_SECONDS_US / 1000000, v);
	return out;
}

static void add_bind(struct config *cfg, const char *src, int argc, char **argv, bool rw)
{
	if (optind >= argc)
		usage_error("--bind%s wants two arguments: SRC DST", rw ? "-rw" : "");
	const char *dst = argv[optind++];
	if (src[0] != '/')
		usage_error("bind source must be an absolute path: '%s'", src);
	if (!plain_box_path(dst) || strcmp(dst, "/proc") == 0 || strncmp(dst, "/proc/", 6) == 0)
		usage_error("bind target must be a plain absolute path outside /proc: '%s'", dst);
	if (cfg->nbinds >= MAX_BINDS)
		usage_error("at most %d binds", MAX_BINDS);
	cfg->binds[cfg->nbinds++] = (struct bind){ .src = src, .dst = dst, .rw = rw };
}

static void set_defaults(struct config *cfg)
{
	*cfg = (struct config){
		.uid = (uid_t)-1, .gid = (gid_t)-1,
		.state_dir = "/run/airlock", .cgroup_mode = CG_AUTO,
		.root = "/", .cwd = "/box", .hostname = "box",
		.copy_out_limit = 64ULL << 20, .result_fd = 2, .framed_fd = -1,
		.lim = {
			.cpu_us = 5000000, .wall_us = 10000000, .memory = 256ULL << 20,
			.processes = 64, .file_size = 64ULL << 20, .disk = 64ULL << 20,
			.inodes = 4096, .open_files = 256, .stack = 64ULL << 20,
			.output = 16ULL << 20,
		},
	};
}

void parse_args(int argc, char **argv, struct config *cfg)
{
	int framed = cfg->framed_fd; /* a daemon child keeps its client socket across re-parsing */
	set_defaults(cfg);
	if (framed > 0)
		cfg->framed_fd = framed;
	int c, idx = 0;
	while ((c = getopt_long(argc, argv, "+", options, &idx)) != -1) {
		const char *name = options[idx].name;
		switch (c) {
		case O_SLOT: cfg->slot = (unsigned)need_uint(name, optarg, 0, 9999); break;
		case O_UID: cfg->uid = (uid_t)need_uint(name, optarg, 0, 0x7fffffff); break;
		case O_GID: cfg->gid = (gid_t)need_uint(name, optarg, 0, 0x7fffffff); break;
		case O_STATE: cfg->state_dir = optarg, cfg->state_dir_given = true; break;
		case O_CGROOT: cfg->cgroup_root = optarg; break;
		case O_CGMODE:
			if (strcmp(optarg, "v1") == 0) cfg->cgroup_mode = CG_V1;
			else if (strcmp(optarg, "v2") == 0) cfg->cgroup_mode = CG_V2;
			else if (strcmp(optarg, "auto") == 0) cfg->cgroup_mode = CG_AUTO;
			else usage_error("--cgroup wants v1, v2 or auto, got '%s'", optarg);
			break;
		case O_TIME: cfg->lim.cpu_us = need_seconds(name, optarg); break;
		case O_WALL: cfg->lim.wall_us = need_seconds(name, optarg); break;
		case O_MEM: cfg->lim.memory = need_bytes(name, optarg); break;
		case O_PROCS: cfg->lim.processes = need_uint(name, optarg, 1, MAX_PROCESSES); break;
		case O_FSIZE: cfg->lim.file_size = need_bytes(name, optarg); break;
		case O_DISK: cfg->lim.disk = need_bytes(name, optarg); break;
		case O_INODES: cfg->lim.inodes = need_uint(name, optarg, 1, MAX_INODES); break;
		case O_NOFILE: cfg->lim.open_files = need_uint(name, optarg, 1, MAX_OPEN_FILES); break;
		case O_STACK: cfg->lim.stack = need_bytes(name, optarg); break;
		case O_OUTPUT: cfg->lim.output = need_bytes(name, optarg); break;
		case O_ROOT: cfg->root = optarg; break;
		case O_BIND: add_bind(cfg, optarg, argc, argv, false); break;
		case O_BIND_RW: add_bind(cfg, optarg, argc, argv, true); break;
		case O_ETC:
			if (!plain_box_path(xasprintf("/%s", optarg)) || cfg->netc >= MAX_ETC)
				usage_error("--etc wants a plain name under /etc, got '%s'", optarg);
			cfg->etc[cfg->netc++] = optarg;
			break;
		case O_COPY_IN: cfg->copy_in = optarg; break;
		case O_COPY_OUT: cfg->copy_out = optarg; break;
		case O_COPY_LIMIT: cfg->copy_out_limit = need_bytes(name, optarg); break;
		case O_CWD:
			if (!plain_box_path(optarg))
				usage_error("--cwd wants a plain absolute path, got '%s'", optarg);
			cfg->cwd = optarg;
			break;
		case O_HOST:
			if (!*optarg || strlen(optarg) > 63)
				usage_error("--hostname wants 1 to 63 characters");
			cfg->hostname = optarg;
			break;
		case O_ENV:
			if (!strchr(optarg, '=') || optarg[0] == '=' || cfg->nenv >= MAX_ENV)
				usage_error("--env wants NAME=VALUE, got '%s'", optarg);
			cfg->env[cfg->nenv++] = optarg;
			break;
		case O_NET: cfg->network = true; break;
		case O_STDIN: cfg->stdin_file = optarg; break;
		case O_MERGE: cfg->merge_stderr = true; break;
		case O_PASS: cfg->passthrough = true; break;
		case O_TTY: cfg->tty = true; break;
		case O_TTY_SIZE: need_tty_size(optarg, cfg); break;
		case O_SC_ALLOW: cfg->seccomp_allow = optarg; break;
		case O_SC_RECORD: cfg->seccomp_record = true; break;
		case O_RESULT: cfg->result_fd = (int)need_uint(name, optarg, 0, 1 << 20); break;
		case O_CLEANUP: cfg->cleanup_only = true; break;
		case O_TIMING: timing_enabled = true; break;
		case O_DIE_WITH_PARENT: cfg->die_with_parent = true; break;
		case O_SERVE:
			if (cfg->framed_fd >= 0)
				usage_error("--serve is not accepted from a daemon client");
			cfg->serve_path = optarg;
			break;
		case O_HELP: fputs(help_text, stdout); exit(0);
		default: usage_error("unknown option %s", argv[optind - 1]);
		}
	}
	/* Rootless: the box's uid inside its user namespace; outside it is the caller's. */
	cfg->host_uid = geteuid();
	cfg->rootless = cfg->host_uid != 0;
	if (cfg->uid == (uid_t)-1)
		cfg->uid = cfg->rootless ? ROOTLESS_UID : DEFAULT_UID_BASE + cfg->slot;
	if (cfg->gid == (gid_t)-1)
		cfg->gid = cfg->uid;
	if (cfg->rootless && !cfg->state_dir_given)
		cfg->state_dir = rootless_state_dir();
	if (cfg->uid == 0 || cfg->gid == 0)
		usage_error("the box must not run as uid or gid 0");
	if (cfg->seccomp_allow && cfg->seccomp_record)
		usage_error("--seccomp-allow and --seccomp-record exclude each other");
	if (cfg->passthrough && (cfg->stdin_file || cfg->merge_stderr))
		usage_error("--passthrough excludes --stdin and --merge-stderr");
	if (cfg->tty && (cfg->passthrough || cfg->stdin_file))
		usage_error("--tty excludes --passthrough and --stdin: the pty is the program's stdio");
	if (cfg->tty_cols && !cfg->tty)
		usage_error("--tty-size needs --tty");
	if (cfg->framed_fd >= 0 && cfg->passthrough)
		usage_error("--passthrough needs the caller's own fds, not a daemon connection");
	if (cfg->serve_path && cfg->framed_fd < 0)
		return;
	if (cfg->cleanup_only)
		return;
	if (optind >= argc)
		usage_error("no command given after --");
	cfg->argv = argv + optind;
}
