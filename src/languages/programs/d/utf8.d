import std.stdio;

void main() {
    writeln("héllo wörld ✓ 日本語");
}
