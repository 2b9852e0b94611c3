#!/bin/bash
# bench/profile.sh [BOXES] [SLOT]: where a fresh box's time goes on the daemon path (docs/performance.md).
# Measurement only: runs BOXES boxes of /bin/true, one after the other, through an `airlock-sandbox --serve`
# daemon (every box checked by daemontime), four times:
#   1. with --timing: the launcher's own clock per setup step (medians over the boxes)
#   2. under `perf trace -s`: every syscall of the daemon, its per-box children, init and the program
#   3. under `perf record -g`: CPU samples of the same processes, by kernel path
#   4. under `perf stat`: CPU time, context switches and page faults per box, against bare fork+exec
#   5. under `perf sched record` + `perf sched timehist`: on-CPU, waiting and scheduling delay per task
# perf follows the daemon's forks (it starts the daemon), so other work on the machine stays out of 2-4
# (perf sched records the whole machine: its summary names kernel workers too).
# Needs root, gcc and perf (Debian: linux-perf). Output in $OUT (default /tmp/airlock-profile).
set -euo pipefail
N=${1:-200}
SLOT=${2:-$((1995 + ${AIRLOCK_TEST_SLOT_OFFSET:-0}))}
OUT=${OUT:-/tmp/airlock-profile}
REPO=$(cd "$(dirname "$0")/.." && pwd)
L=$REPO/sandbox/build/airlock-sandbox
mkdir -p "$OUT"
DT=$OUT/daemontime
gcc -O2 -Wall -Werror -o "$DT" "$REPO/bench/tools/daemontime.c"
SOCK=$OUT/daemon.sock

# Start the daemon (under a wrapper command, or none), wait for its socket.
start() {
	rm -f "$SOCK"
	"$@" "$L" --serve "$SOCK" 2>>"$OUT/daemon.err" &
	WRAPPER=$!
	for _ in $(seq 200); do [ -S "$SOCK" ] && break; sleep 0.05; done
	[ -S "$SOCK" ] || { echo "profile: the daemon did not start" >&2; exit 1; }
	# The daemon is the wrapper's child (perf), or the wrapper itself (no wrapper).
	DAEMON=$WRAPPER
	[ $# -eq 0 ] || DAEMON=$(pgrep -P "$WRAPPER")
	"$DT" 20 "$SOCK" --slot "$SLOT" -- /bin/true >/dev/null # warm up
}
# Stop the daemon (perf then writes its output) and wait for the wrapper.
stop() {
	kill -TERM "$DAEMON" || true
	wait "$WRAPPER" 2>/dev/null || true
}

echo "== 1. launcher steps (--timing), median us over $N boxes"
: >"$OUT/daemon.err"
start
: >"$OUT/daemon.err"
"$DT" "$N" "$SOCK" --slot "$SLOT" --timing -- /bin/true >"$OUT/timing-walls.txt"
stop
# Lines: "airlock-sandbox: [PID] STEP US us"; step names have spaces. Medians per step, in first-seen order.
awk '/^airlock-sandbox: \[[0-9]+\] / && $NF == "us" {
	name = $3; for (i = 4; i < NF - 1; i++) name = name " " $i
	if (!(name in n)) order[++steps] = name
	v[name][++n[name]] = $(NF - 1)
} END {
	for (k = 1; k <= steps; k++) { s = order[k]; m = asort(v[s]); printf "%-28s %7d\n", s, v[s][int((m + 1) / 2)] }
}' "$OUT/daemon.err" | tee "$OUT/timing.txt"
awk '$1 != "total" { a[++n] = $1 } END { asort(a); printf "box wall, median: %d us\n", a[int((n + 1) / 2)] }' "$OUT/timing-walls.txt"

echo "== 2. perf trace -s"
start perf trace -s -o "$OUT/trace.txt" --
"$DT" "$N" "$SOCK" --slot "$SLOT" -- /bin/true >"$OUT/trace-walls.txt"
stop
python3 "$REPO/bench/tools/tracesum.py" "$OUT/trace.txt" $((N + 20)) | tee "$OUT/trace-per-box.txt"

echo "== 3. perf record -g"
start perf record -F 20000 -g -o "$OUT/perf.data" --
"$DT" "$N" "$SOCK" --slot "$SLOT" -- /bin/true >"$OUT/record-walls.txt"
stop
perf report -i "$OUT/perf.data" --sort comm --stdio -n -g none 2>/dev/null | grep -v '^#' | grep -v '^$' >"$OUT/report-comm.txt" || true
perf report -i "$OUT/perf.data" --no-children --sort comm,sym --stdio 2>/dev/null | grep -v '^$' | head -80 >"$OUT/report-self.txt" || true
perf report -i "$OUT/perf.data" --children --sort sym --stdio -g none 2>/dev/null | grep -v '^$' | head -150 >"$OUT/report-children.txt" || true
echo "written: $OUT/report-self.txt, $OUT/report-children.txt"

echo "== 4. perf stat: CPU per box, against bare fork+exec of /bin/true from the same kind of C loop"
gcc -O2 -Wall -Werror -o "$OUT/spawntime" "$REPO/bench/tools/spawntime.c"
start perf stat -e task-clock,context-switches,page-faults -o "$OUT/stat.txt" --
"$DT" "$N" "$SOCK" --slot "$SLOT" -- /bin/true >"$OUT/stat-walls.txt"
stop
perf stat -e task-clock,context-switches,page-faults -o "$OUT/stat-bare.txt" -- "$OUT/spawntime" $((N + 20)) /bin/true >/dev/null
for f in stat:box stat-bare:bare; do
	awk -v n=$((N + 20)) -v f="${f#*:}" '/task-clock/ { cpu = $1 } /context-switches/ { cs = $1 } /page-faults/ { pf = $1 }
		END { printf "%-5s CPU %.3f ms, %.1f context switches, %.0f page faults per run\n", f, cpu / n, cs / n, pf / n }' "$OUT/${f%%:*}.txt"
done | tee "$OUT/stat-per-box.txt"

echo "== 5. perf sched timehist -s"
start perf sched record -o "$OUT/sched.data" --
"$DT" "$N" "$SOCK" --slot "$SLOT" -- /bin/true >"$OUT/sched-walls.txt"
stop
perf sched timehist -i "$OUT/sched.data" 2>/dev/null >"$OUT/timehist.txt" || true
# Per task name: wait (off-CPU), scheduling delay (runnable, no CPU) and run time, divided per box.
awk -v n=$((N + 20)) 'NR > 3 { t = $3; sub(/\[.*/, "", t); sub(/^kworker\/[^-]*-?/, "kworker-", t); w[t] += $4; d[t] += $5; r[t] += $6 }
	END { for (t in r) if (t ~ /airlock|^true|kworker|rcu|daemontime/) printf "%-20s run %.3f  sched delay %.3f  wait %.3f ms per box\n", t, r[t] / n, d[t] / n, w[t] / n }' \
	"$OUT/timehist.txt" | sort -k3 -rn | tee "$OUT/sched-per-box.txt"
