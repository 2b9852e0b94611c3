// A busy loop in V8: TLE on CPU time (V8's helper threads count too).
for (;;);
