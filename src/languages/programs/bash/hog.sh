# Allocate without end: bash keeps the whole output of a command substitution in memory, read in large blocks
# (building a string in a bash loop would spend seconds of CPU before reaching the memory limit).
s=$(tr '\0' x < /dev/zero)
