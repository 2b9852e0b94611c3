void main() {
    ubyte[][] keep;
    for (;;) {
        auto b = new ubyte[1 << 20];
        b[] = 1;
        keep ~= b;
    }
}
