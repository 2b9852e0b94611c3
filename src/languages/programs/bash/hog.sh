s=x
while :; do s=$s$s; done
