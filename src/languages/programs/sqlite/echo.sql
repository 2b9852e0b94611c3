-- stdin is a pipe the box user cannot reopen as /dev/stdin, so `cat` (which inherits fd 0) feeds .import.
CREATE TABLE input(line TEXT);
.mode tabs
.import '|cat' input
.mode list
SELECT line FROM input;
