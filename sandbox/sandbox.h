/*
 * airlock-sandbox: one invocation builds one fresh box, runs one command in
 * it, tears it down and prints one result record.
 *
 * This header is sectioned by .c file. Each function says when it is called.
 * Failure kinds are kept apart: die() is for the sandbox's own failures
 * (status IE, exit code 2); what the program does is a result (exit code 0).
 */
#ifndef AIRLOCK_SANDBOX_H
#define AIRLOCK_SANDBOX_H

#define _GNU_SOURCE
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/filter.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/uio.h>

#define MAX_BINDS 64
#define MAX_ENV 128
#define MAX_ETC 64

/* Launcher exit codes (docs/launcher-protocol.md). */
#define EXIT_RAN 0     /* the program ran; read the result record */
#define EXIT_USAGE 1   /* bad arguments */
#define EXIT_FAILED 2  /* the sandbox itself failed; status IE */
#define EXIT_BUSY 3    /* the slot is held by another launcher; try another */

/* ---- state.c ---- */

/* Mark a state-dir entry (a template's lock, a filter) as used now; called on every use. */
void state_mark_used(const char *path);
/* Remove templates and seccomp filters no launcher used for an hour (daemon start, after making a new one). */
void state_sweep(const char *state_dir);

/* ---- util.c ---- */

enum role { ROLE_LAUNCHER, ROLE_INIT, ROLE_PROGRAM };
extern enum role current_role;
extern int child_error_fd;      /* in children: where die() reports */
extern int die_result_fd;       /* in the launcher: where die() writes an IE record */
extern bool die_result_framed;  /* ... as a frame, to a daemon client */
extern int slot_lock;           /* the launcher's flock on its slot; children close it */

/* Our own failure: report it (result record or error pipe) and exit. The first failure's
 * message is the one reported; nothing on the way allocates. die() says only what it is told
 * (errno may be stale); die_errno() is for right after a call that failed and set errno. */
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void die_errno(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A usage error: message, hint, exit EXIT_USAGE. */
_Noreturn void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void *xmalloc(size_t n);
/* Big buffers (the relay's, the program's clone stack): fresh zero pages of their own, each
 * faulted in only when first touched. calloc clears recycled heap memory with memset, which
 * cost a C++ box about 60 of its 250 page faults (the dearest thing a box does on some VMs). */
void *xmap(size_t n);
void xunmap(void *p, size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Write all bytes or fail with errno set; retries EINTR. */
bool write_all(int fd, const void *buf, size_t len);
/* The same for several pieces in one writev (a frame's header and payload: one wake-up for the
 * reader, not one per piece); the iovecs are consumed. */
bool writev_all(int fd, struct iovec *iov, int count);
/* Read exactly len bytes; false on EOF or error. */
bool read_exact(int fd, void *buf, size_t len);
/* Pass up to FDS_MAX fds with a one-byte tag over a unix socket (SCM_RIGHTS, no SIGPIPE);
 * false with errno. */
#define FDS_MAX 4
bool send_fds(int sock, const int *fds, size_t n, char tag);
/* Receive one such message (flags: MSG_DONTWAIT or 0); the fds come close-on-exec. Returns how
 * many fds came (0 for a message without any), or -1 with errno (0 at EOF). */
ssize_t recv_fds(int sock, int *fds, size_t max, char *tag, int flags);
/* Write a short string to a file (cgroup knobs); returns false with errno. */
bool write_file(const char *path, const char *value);
/* Read up to cap-1 bytes of a small file into buf; returns length or -1. */
ssize_t read_file(const char *path, char *buf, size_t cap);
/* Plain decimal values: "123" (at most max), "64M" (K, M, G; at most max bytes), "1.5" (seconds with
 * up to six decimals, as microseconds, at most max_us); false when malformed or too large. */
bool parse_uint(const char *s, uint64_t max, uint64_t *out);
bool parse_bytes(const char *s, uint64_t max, uint64_t *out);
bool parse_seconds_us(const char *s, uint64_t max_us, uint64_t *out);
uint64_t now_us(void);
/* --timing: print how long the step that just ended took (for bench/). */
extern bool timing_enabled;
void timing(const char *step);
void close_fd(int *fd);
/* FNV-1a: cheap, stable keys for the caches in the state directory. */
uint64_t fnv1a(uint64_t h, const void *data, size_t len);
/* A hash of this launcher binary's identity: caches built by another build are not used. */
uint64_t launcher_identity(void);
#define autoclose __attribute__((cleanup(close_fd)))

/* ---- args.c ---- */

struct bind {
	const char *src; /* path in the host (or root image) */
	const char *dst; /* path inside the box */
	bool rw;
};

struct limits {
	uint64_t cpu_us;     /* CPU time, summed over all processes */
	uint64_t wall_us;    /* wall-clock time */
	uint64_t memory;     /* bytes, cgroup limit, swap off */
	uint64_t processes;  /* pids controller + RLIMIT_NPROC */
	uint64_t file_size;  /* RLIMIT_FSIZE */
	uint64_t disk;       /* size of each tmpfs: /box, /tmp, /dev/shm (all charged to memory) */
	uint64_t inodes;     /* inodes of each tmpfs */
	uint64_t open_files; /* RLIMIT_NOFILE */
	uint64_t stack;      /* RLIMIT_STACK */
	uint64_t output;     /* stdout + stderr bytes relayed */
};

enum cgroup_mode { CG_AUTO, CG_V1, CG_V2 };

/* A file a daemon client sent for /box. */
struct inline_file {
	char *name;
	char *data;
	size_t len;
	struct inline_file *next;
};

struct config {
	unsigned slot;
	uid_t uid;
	gid_t gid;
	const char *state_dir;
	bool state_dir_given;
	const char *cgroup_root;
	enum cgroup_mode cgroup_mode;
	const char *root;     /* root image directory, "/" = host */
	const char *cwd;
	const char *hostname;
	struct limits lim;
	const char *stdin_file;
	bool merge_stderr;
	bool passthrough;     /* program gets our fds 0-2 directly, no relay */
	bool tty;             /* program's fds 0-2 are a pty of the box's own; we hold the master */
	unsigned tty_cols, tty_rows; /* --tty-size: the pty's first size (0: 80x24) */
	struct bind binds[MAX_BINDS];
	int nbinds;
	const char *etc[MAX_ETC];
	int netc;
	const char *copy_in;
	struct inline_file *files; /* daemon mode: files sent in 'F' frames */
	const char *copy_out;
	uint64_t copy_out_limit;
	char *env[MAX_ENV + 1];
	int nenv;
	bool network;
	const char *seccomp_allow; /* allow-list file, NULL = baseline only */
	bool seccomp_record;       /* profile: log every syscall, deny nothing extra */
	int result_fd;
	int framed_fd;             /* daemon mode: the client's socket, else -1 */
	const char *serve_path;    /* --serve SOCKET */
	bool cleanup_only;
	bool die_with_parent;      /* a service that dies takes its runs with it */
	bool rootless;             /* not root: the launcher makes a user namespace of its own */
	uid_t host_uid;            /* our uid outside any namespace of ours */
	char **argv;
};

/* Called once from main(): fills cfg from argv or exits with EXIT_USAGE. */
void parse_args(int argc, char **argv, struct config *cfg);

/* ---- cgroup.c ---- */

struct cgroup {
	bool v2;
	char *dir;           /* v2: the box cgroup */
	char *v1_dirs[3];    /* v1: memory, pids, cpuacct box cgroups */
	bool located, created;
};

/* Before anything else with cgroups: find the hierarchy and this slot's paths (touches nothing). */
void cgroup_locate(struct cgroup *cg, const struct config *cfg);
/* Clean a stale box of this slot, create a fresh one with limits. */
void cgroup_prepare(struct cgroup *cg, const struct config *cfg);
/* v2: fork straight into the box cgroup; -1 when the kernel cannot (then fork and attach). */
pid_t clone_into_cgroup(const struct cgroup *cg, int *pidfd);
/* v2 without clone3, after fork, before the child goes on: move the child into the box cgroup
 * (v1 uses cgroup_hand_over instead). */
void cgroup_attach(const struct cgroup *cg, pid_t pid);
/* v1, after clone: send init the box cgroup's `tasks` files (a move without the global lock). */
void cgroup_hand_over(const struct cgroup *cg, int sock);
/* v1, in init once told to go: move itself into the box cgroup the launcher handed over. */
void cgroup_join(int sock);
/* While running and at the end: CPU microseconds used by all processes of the box. */
uint64_t cgroup_cpu_us(const struct cgroup *cg);
/* At the end: peak memory in bytes. */
uint64_t cgroup_memory_peak(const struct cgroup *cg);
/* At the end: how many processes the OOM killer killed. */
uint64_t cgroup_oom_kills(const struct cgroup *cg);
/* Kill every process in the box cgroup and wait until it is empty. */
void cgroup_kill_all(const struct cgroup *cg);
/* At the end (and for stale boxes): kill, wait, remove the cgroup. */
void cgroup_destroy(struct cgroup *cg);
/* `--cleanup`: remove what a killed launcher left behind for this slot. */
void cgroup_cleanup_slot(const struct config *cfg);

/* ---- workspace.c ---- */

struct workspace {
	int box, tmp, shm;   /* detached tmpfs mounts */
};

/* Before fork: fresh, detached, size- and inode-capped tmpfs for /box, /tmp and /dev/shm. */
void workspace_create(const struct config *cfg, struct workspace *ws);
/* Before fork: copy a host directory tree into /box (regular files and dirs only). */
void workspace_copy_in(int box_fd, const char *src);
/* Before fork (daemon mode): write the files a client sent into /box, root-owned and read-only to the box. */
void workspace_write_files(int box_fd, const struct inline_file *files);
/* After the run, all box processes dead: copy /box out without following links; false when over limit. */
bool workspace_copy_out(int box_fd, const char *dst, uint64_t limit);

/* ---- mounts.c ---- */

#define N_SYSTEM_DIRS 7
#define N_ETC_DEFAULTS 4
extern const char *const system_dirs[N_SYSTEM_DIRS];
extern const char *const etc_defaults[N_ETC_DEFAULTS];

/* What init attaches to its copy of the template, all made by the launcher before fork. */
struct box_mounts {
	int template_fd;     /* the template's mount namespace */
	struct workspace ws;
	int passwd, group;   /* detached read-only binds of the slot's identity files */
};

/* In the template builder (or, rootless, in init) in a new mount namespace: build the read-only root
 * and pivot into it; in_box also mounts the box's /proc before the host's disappears. */
void mounts_build_template(const struct config *cfg, bool in_box);
/* In init: copy the template's namespace (or build one, rootless) and attach this run's mounts. */
void mounts_enter_box(const struct config *cfg, const struct box_mounts *m);

/* ---- template.c ---- */

/* In the launcher before fork: this configuration's template namespace, built on first use. */
int template_open(const struct config *cfg);
/* In the launcher before fork: detached read-only /etc/passwd and /etc/group for the slot's uid. */
void identity_open(const struct config *cfg, int *passwd, int *group);

/* ---- seccomp.c ---- */

struct filters {
	struct sock_fprog floor, named;
};

/* In the launcher before fork: the two BPF programs, from the cache or freshly compiled. */
void seccomp_prepare(const struct config *cfg, struct filters *f);
/* In the program child, last step before execve: load both; returns the listener fd. */
int seccomp_install(const struct filters *f);

/* ---- seccomp_cache.c ---- */

/* Compiled filters keyed by launcher build, options and allow-list text; true on a hit. */
bool seccomp_cache_load(const struct config *cfg, struct filters *f);
void seccomp_cache_store(const struct config *cfg, const struct filters *f);
struct syscall_event {
	int nr;
	char name[48];
	bool fatal;  /* the box must die (hostile, or not on the allow-list) */
};

/* In the supervisor: take one notification; in record mode let harmless calls proceed. */
bool seccomp_handle(int notify_fd, bool record, struct syscall_event *ev);
/* The name of a native syscall number (malloc'd). */
char *seccomp_syscall_name(int nr);

/* ---- netns.c ---- */

/* In the launcher before fork: this slot's pooled empty network namespace, or -1. */
int netns_pool_open(const struct config *cfg);
/* In init: join the pooled namespace; false when absent or not clean (then unshare a fresh one). */
bool netns_enter_pooled(int fd);
/* In the launcher: pool a fresh namespace (an nsfs fd from init) for the slot's next run. */
void netns_pool_keep(const struct config *cfg, int netns_fd);
/* `--cleanup`: forget the slot's pooled namespace. */
void netns_pool_drop(const struct config *cfg);

/* ---- box.c ---- */

struct box_fds {
	int sync_rd;      /* child waits here until the parent made the cgroup and says go */
	int error_wr;     /* setup failures, closed by execve on success */
	int status_wr;    /* init writes the program's wait status here */
	int notify_wr;    /* fd channel up (the seccomp listener, a fresh netns to pool) and down (v1 cgroup) */
	int stdio[3];     /* the program's fds 0-2 */
	struct box_mounts mounts;
	int netns_fd;     /* a pooled empty network namespace, or -1 */
	struct filters filters;
	bool spread;      /* init was sent off the launcher's CPU: it restores `cpus` once told to go */
	int away_from;    /* that CPU */
	bool join_cgroup; /* v1: init moves itself into the box cgroup once told to go */
	cpu_set_t cpus;   /* the launcher's CPUs, the box's */
};

/* Tags on fds sent up the notify socket. */
#define FD_TAG_LISTENER 's'
#define FD_TAG_NETNS 'n'
#define FD_TAG_TTY 't'
#define FD_TAG_MNTNS 'm'
/* ...and down, from the launcher to init: the box cgroup's `tasks` files (v1). */
#define FD_TAG_CGROUP 'c'

/* In init and the program child: pass an fd to the launcher over the notify socket. */
void send_fd(int sock, int fd, char tag);
/* Root mode: empty this process's bounding and ambient capability sets, once; the boxes it
 * forks inherit the empty sets and skip their own drop (box.c). */
void drop_bounding_set_once(void);
/* Every signal to its default action, except SIGKILL and SIGSTOP (box.c). */
void default_all_signals(void);
/* Set by the daemon, which reset them all at start: a box then resets only SIGPIPE. */
extern bool signals_defaulted;

/* In the child right after fork: runs as the box's pid 1 and never returns. */
_Noreturn void box_init(const struct config *cfg, struct box_fds *fds);

/* ---- supervise.c ---- */

enum status { ST_OK, ST_RE, ST_TLE, ST_MLE, ST_OLE, ST_SV, ST_IE };

struct outcome {
	enum status status;
	int exit_code;
	int signal;
	uint64_t cpu_us, wall_us, memory;
	uint64_t stdout_bytes, stderr_bytes;
	bool oom;
	char message[512];
	char *syscalls;   /* record mode: comma-separated names seen */
};

struct run {
	const struct config *cfg;
	struct cgroup *cg;
	pid_t init_pid;
	int init_pidfd;
	int error_rd, status_rd, notify_rd;
	int out_rd, err_rd, in_wr;   /* relay ends, -1 in passthrough */
	uint64_t start_us;
	int signal_fd;               /* SIGTERM/SIGINT/SIGHUP: the caller cancels */
	int mntns_fd;                /* the box's mount namespace, held so that it ends at our teardown */
};

/* After clone: relay stdio, enforce time and output limits, wait for the end. */
void supervise(struct run *run, struct outcome *out);

/* ---- userns.c ---- */

/* Rootless mode, first step in the launcher: our own user and mount namespaces, one uid mapped. */
void userns_enter_own(const struct config *cfg);

/* ---- relay.c ---- */

/* Frames on a daemon connection (serve.c): type byte, little-endian u32 length, payload. */
#define FRAME_HEADER 5
#define FRAME_MAX 65536
#define FRAME_ARGS 'A'    /* client: the launcher arguments, each ending with a NUL; first frame */
#define FRAME_STDIN 'I'   /* client: stdin bytes; an empty one is EOF */
#define FRAME_STDOUT 'O'  /* server: the program's stdout */
#define FRAME_STDERR 'E'  /* server: the program's stderr */
#define FRAME_RESULT 'R'  /* server: the result record; the last frame */
#define FRAME_FILE 'F'    /* client: a file for /box: "name\0" then its bytes (before 'G') */
#define FRAME_GO 'G'      /* client: no more files: build the box */
#define FRAME_WINSIZE 'W' /* client, --tty: the terminal's size, columns and rows as little-endian u16 */

struct relay;
enum relay_news { RELAY_NOTHING, RELAY_OVER_CAP, RELAY_CALLER_GONE };

/* In the supervisor: stdio between the caller (fds 0-2, or a framed socket) and the box. */
struct relay *relay_new(const struct config *cfg, struct run *run, struct outcome *out);
/* Each loop: the fds to poll (at most 6), then what became of them. */
int relay_pollfds(const struct relay *r, struct pollfd *fds);
void relay_handle(struct relay *r, const struct pollfd *fds, int n);
/* Whether the program's stdout or stderr can still deliver. */
bool relay_outputs_open(const struct relay *r);
/* Output over the cap, or the caller gone (the box must die); why in words. */
enum relay_news relay_news(struct relay *r, const char **why);
/* --tty: the pty's master arrived from init; it is the program's stdin and its only output. */
void relay_attach_tty(struct relay *r, int master);
/* At the end: hand the caller what is left, close the program's stdin, free. */
void relay_finish(struct relay *r);

/* ---- tty.c ---- */

/* The largest terminal side a 'W' frame may ask for, in columns or rows. */
#define TTY_MAX_SIDE 4096

/* --tty, in init inside the box's mount namespace: mount its devpts, open a pty; the master is
 * returned (for the launcher), the slave (the program's stdio) is stored in *slave. */
int tty_open(const struct config *cfg, int *slave);
/* --tty, in the program child after setsid with the slave on fd 0: make it the controlling tty. */
void tty_take(void);
/* --tty, in the supervisor: a 'W' frame's size for the pty (SIGWINCH to the program). */
void tty_resize(int master, unsigned cols, unsigned rows);

/* ---- serve.c ---- */

/* `--serve SOCKET`: a daemon that builds one box per connection, without an exec per run. */
_Noreturn void serve(const char *path, int (*run_one)(void), struct config *cfg);

/* ---- result.c ---- */

/* At the very end: write the record to the result fd (as an 'R' frame, with the exit status, to a daemon client). */
void result_write(int fd, bool framed, const struct outcome *out, int launcher_exit);
/* Framed: send the record and shut our side; result_drain later waits for the client to close. */
void result_send(int fd, const struct outcome *out, int launcher_exit);
void result_drain(int fd);
const char *status_name(enum status st);

#endif
