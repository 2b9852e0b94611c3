# bash's built-in /dev/tcp and /dev/udp: network without any network tool.
if exec 3<>"/dev/tcp/127.0.0.1/$1"; then echo "ESCAPED: /dev/tcp connected"; else echo "contained: /dev/tcp refused"; fi
if exec 4>"/dev/udp/127.0.0.1/$2" && echo x >&4; then echo "ESCAPED: /dev/udp sent"; else echo "contained: /dev/udp refused"; fi
exit 0
