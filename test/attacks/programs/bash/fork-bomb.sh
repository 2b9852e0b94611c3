# The shell fork bomb: the pids controller caps it; teardown must kill every copy.
:(){ :|:& };:
sleep 5
