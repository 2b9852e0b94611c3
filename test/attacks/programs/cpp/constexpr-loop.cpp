// Code run by the compiler: an endless constexpr loop. GCC's evaluation limits or ours end it (CE).
constexpr unsigned long spin() {
	unsigned long n = 0;
	for (;;) n += 3;
	return n;
}
constexpr unsigned long forever = spin();
int main() { return (int)forever; }
