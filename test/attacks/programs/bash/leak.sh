# Leave files and a FIFO in the shared-looking places for the next run (programs/c/nextrun.c looks).
echo leak > /tmp/airlock-leak
mkfifo /dev/shm/airlock-leak.fifo
echo leak > /box/airlock-leak
( setsid sleep 1000 & ) 
echo planted
