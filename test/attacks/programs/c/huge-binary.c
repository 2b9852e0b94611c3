/* An initialised 1.5 GiB array: the object file alone would fill a disk. File-size and tmpfs caps end it (CE). */
char big[1536L << 20] = { 1 };
int main(void) { return big[0]; }
