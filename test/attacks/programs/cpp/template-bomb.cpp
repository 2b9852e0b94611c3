// Recursive templates without end (the seed's footnote): the compile box's limits end it (CE).
template <int N> struct Bomb {
	enum { value = Bomb<N + 1>::value + Bomb<N + 2>::value };
};
int main() { return Bomb<0>::value; }
