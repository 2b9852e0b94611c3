import core.volatile;

void main() {
    ulong x;
    for (;;) volatileStore(&x, volatileLoad(&x) + 1);
}
