# Background jobs that try to outlive the shell: nohup, disown, setsid.
nohup sleep 1000 >/dev/null 2>&1 &
disown
setsid sleep 1000 &
( trap '' HUP TERM; while :; do sleep 1; done ) &
disown -a
echo "left three background jobs; the host check must find nothing left"
