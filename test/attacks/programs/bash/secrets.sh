# Hunt for the host's secrets from the shell.
escaped=0
for f in /etc/shadow /root/.ssh/authorized_keys /root/.bash_history /var/lib/airlock /run/airlock /proc/1/environ /home "$1"; do
  if [ -d "$f" ] && ls "$f" >/dev/null 2>&1; then echo "ESCAPED: $f is listable"; escaped=1; fi
  if [ -f "$f" ] && head -c1 "$f" >/dev/null 2>&1; then echo "ESCAPED: $f is readable"; escaped=1; fi
done
foreign=$(env | cut -d= -f1 | grep -vxE 'PATH|HOME|TMPDIR|LANG|LC_ALL|PWD|SHLVL|_|OLDPWD')
for name in $foreign; do echo "ESCAPED: environment variable $name"; escaped=1; done
[ "$escaped" = 0 ] && echo "contained: no host secret, no foreign environment"
exit 0
