# Sleep forever with signals ignored: CPU time never grows, the wall-time limit must end it (TLE).
trap '' TERM INT HUP
sleep infinity
