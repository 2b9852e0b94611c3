# Write outside the workspace from the shell: /, /usr, /etc, a /proc knob.
escaped=0
for f in /airlock-pwned /usr/airlock-pwned /etc/airlock-pwned /var/airlock-pwned /proc/sys/kernel/hostname; do
  if (echo pwned > "$f") 2>/dev/null; then echo "ESCAPED: wrote $f"; escaped=1; fi
done
[ "$escaped" = 0 ] && echo "contained: nothing outside the workspace is writable"
exit 0
