// validator input answer feedback_dir < team_output > team_input: answers up to 10 guesses.
#include <cstdio>
#include <fstream>
#include <string>

static std::string feedback;

static int verdict(int code, const std::string &message) {
    std::ofstream(feedback + "judgemessage.txt") << message << "\n";
    return code;
}

int main(int argc, char **argv) {
    if (argc < 4) return 1;
    feedback = argv[3];
    int secret = 0;
    std::ifstream(argv[1]) >> secret;
    for (int guesses = 1; guesses <= 10; guesses++) {
        long long guess;
        if (std::scanf("%lld", &guess) != 1) return verdict(43, "no guess " + std::to_string(guesses));
        if (guess == secret) {
            std::printf("correct\n");
            std::fflush(stdout);
            return verdict(42, "found in " + std::to_string(guesses) + " guesses");
        }
        std::printf(guess > secret ? "lower\n" : "higher\n");
        std::fflush(stdout);
    }
    return verdict(43, "10 guesses and still not found");
}
