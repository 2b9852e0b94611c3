// The run requests of Jobe's own test suite (testsubmit.py, TEST_SET) with what it checks in each answer: every key of
// `expect` must equal the answer's. Grouped by Jobe language id; `skip` says why a case is not replayed here.
import { createHash } from 'node:crypto';

/** One of testsubmit.py's cases. */
export interface SuiteCase {
  comment: string;
  run: Record<string, unknown>;
  /** Files PUT (then checked with HEAD) before the run: [id, text]. */
  files?: [string, string][];
  expect: { outcome: number; stdout?: string; stderr?: string };
  skip?: string;
}

const THING = `public class Thing {
    private String message;
    public Thing(String message) {
        this.message = message;
    }
    public void printme() {
        System.out.println(message);
    }
}
`;
const THING_ID = createHash('md5').update(THING).digest('hex');
const HTML = '<!DOCTYPE html>\n<html>\n<head></head>\n<body>\n<h1>Heading</h1>\n';
const C_HELLO = '#include <stdio.h>\nint main() {\n    printf("Hello world\\nIsn\'t this fun!\\n");\n}\n';
const JAVA_TEST = (line: string) => `\npublic class Test {\n    public static void main(String[] args) {\n        ${line}\n    }\n}\n`;

/** Case helpers: the language, the source, the file name, then the rest. */
const c = (
  language_id: string,
  comment: string,
  sourcecode: string,
  sourcefilename: string | undefined,
  expect: SuiteCase['expect'],
  more: Partial<SuiteCase> & { parameters?: object; input?: string; file_list?: unknown } = {},
): SuiteCase => {
  const { files, skip, parameters, input, file_list } = more;
  const run = {
    language_id,
    sourcecode,
    ...(sourcefilename ? { sourcefilename } : {}),
    ...(input ? { input } : {}),
    ...(parameters ? { parameters } : {}),
    ...(file_list ? { file_list } : {}),
  };
  return { comment, run, expect, ...(files ? { files } : {}), ...(skip ? { skip } : {}) };
};

/** Per Jobe language id, its cases in testsubmit.py's order. */
export const suite: Record<string, SuiteCase[]> = {
  python3: [
    c('python3', 'Valid Python3', 'print("Hello world!")\n', 'test.py', { outcome: 15, stdout: 'Hello world!\n' }),
    c('python3', 'Python3 with stdin', 'print(input())\nprint(input())\n', 'test.py', { outcome: 15, stdout: 'Line1\nLine2\n' }, { input: 'Line1\nLine2\n' }),
    c('python3', 'Syntactically invalid Python3', 'print("Hello world!"\n', 'test.py', { outcome: 11 }),
    c('python3', 'Python3 runtime error', 'data = [1, 2]\nprint(data[2])\n', 'test.py', { outcome: 12 }),
    c(
      'python3',
      'Python3 file I/O',
      "with open('testoutput.txt', 'w') as output:\n    output.write(\"One fish\\nTwo fish\\n\")\nwith open('testoutput.txt') as input:\n    print(input.read(), end='')\n",
      'test.py',
      { outcome: 15, stdout: 'One fish\nTwo fish\n' },
    ),
    c(
      'python3',
      'Testing use of interpreter args with Python3',
      '\n',
      'test.py',
      { outcome: 15, stdout: 'Blah\n' },
      {
        parameters: { interpreterargs: ['-c "print(\\"Blah\\")"'] },
        skip: 'interpreterargs are ignored (docs/compat.md: the run command is fixed per language)',
      },
    ),
    c(
      'python3',
      'Testing use of runargs args with Python3',
      '\nimport sys\nfor arg in sys.argv[1:]:\n    print(arg)\n',
      'test.py',
      { outcome: 15, stdout: 'Arg1\nArg2\n' },
      { parameters: { runargs: ['Arg1', 'Arg2'] } },
    ),
    c(
      'python3',
      'Python3 program with customised timeout',
      'from time import perf_counter\nt = perf_counter()\nwhile perf_counter() < t + 10: pass  # Wait 10 seconds\nprint("Hello Python")\n',
      'test.py',
      { outcome: 15, stdout: 'Hello Python\n' },
      { parameters: { cputime: 15 }, skip: "10 s of CPU is over the suite's budget: the same request with a 6 s loop follows" },
    ),
    c(
      'python3',
      'Python3 program with customised timeout (a 6 s loop instead of 10 s)',
      'from time import perf_counter\nt = perf_counter()\nwhile perf_counter() < t + 6: pass\nprint("Hello Python")\n',
      'test.py',
      { outcome: 15, stdout: 'Hello Python\n' },
      { parameters: { cputime: 15 } },
    ),
    c(
      'python3',
      'Python3 program with support files',
      "print(open('file1').read())\nprint(open('file2').read())\n",
      'test.py',
      { outcome: 15, stdout: 'The first file\nLine 2\nSecond file\n' },
      {
        files: [
          ['randomid0129798', 'The first file\nLine 2'],
          ['randomid0980128', 'Second file'],
        ],
        file_list: [
          ['randomid0129798', 'file1'],
          ['randomid0980128', 'file2'],
        ],
      },
    ),
    c('python3', 'UTF-8 output from Python3', 'print("Un rôle délétère")\n', 'test.py', { outcome: 15, stdout: 'Un rôle délétère\n' }),
  ],
  c: [
    c('c', 'Test good C hello world', C_HELLO, 'prog.c', { outcome: 15, stdout: "Hello world\nIsn't this fun!\n" }),
    c('c', 'Test compile error C hello world', C_HELLO.replace(');', ')'), 'prog.c', { outcome: 11 }),
    c(
      'c',
      'Test use of compileargs with C',
      C_HELLO.replace('}\n', "    /* No return so shouldn't compile in ANSI C */\n}\n"),
      'prog.c',
      { outcome: 11 },
      { parameters: { compileargs: ['std=c89'] } },
    ),
    c('c', 'Test runtime error C hello world', C_HELLO.replace('}\n', '    char* s = NULL;\n    printf("%c", *s);\n}\n'), 'prog.c', { outcome: 12 }),
    c('c', 'Test timelimit on C', '#include <stdio.h>\nint main() {\n    while(1) {};\n}\n', 'prog.c', { outcome: 13 }),
    c('c', 'Test outputlimit on C', '#include <stdio.h>\nint main() {\n    while(1) { printf("Hello"); };\n}\n', 'prog.c', { outcome: 13 }),
    c(
      'c',
      'Memory limit exceeded in C (seg faults)',
      '#include <stdio.h>\n#include <stdlib.h>\n#define CHUNKSIZE 2000000000\n\nint main() {\n    char* p = malloc(CHUNKSIZE);\n    if (p == NULL) {\n        printf("Memory limit worked\\n");\n    } else {\n        printf("Oh dear, the malloc worked");\n    }\n}\n\n',
      'prog.c',
      { outcome: 15, stdout: 'Memory limit worked\n' },
      { skip: 'airlock limits memory used, not address space: an untouched malloc succeeds (docs/compat.md)' },
    ),
    c(
      'c',
      'Infinite recursion (stack error) on C',
      '#include <stdlib.h>\n#include <assert.h>\n\nvoid silly(int i) {\n    int j = i + 1;\n    if (j != 0) {\n        silly(j);\n    } else {\n        silly(j + 1);\n    }\n}\n\nint main() {\n    silly(3);\n}\n',
      'prog.c',
      { outcome: 12 },
    ),
    c(
      'c',
      'C program controlled forking',
      '#include <linux/unistd.h>\n#include <unistd.h>\n#include <stdio.h>\nint main() {\n    int successes = 0, failures = 0;\n    for (int i = 0; i < 1000; i++) {\n        int pid = fork();\n        if (pid == -1) {\n            failures += 1;\n        }\n        else if (pid == 0) {\n            while (1) {};  // Child loops\n        }\n        else {\n            successes += 1;\n        }\n    }\n    if (successes > 5 && successes <= 20) {\n        printf("OK\\n");\n    } else {\n        printf("%d forks succeeded, %d failed\\n", successes, failures);\n    }\n}',
      'test.c',
      { outcome: 15, stdout: 'OK\n' },
      { parameters: { numprocs: 20 } },
    ),
    c(
      'c',
      'A C program with ASCII non-UTF-8-compatible output',
      '#include <stdio.h>\nint main() {\n    printf("Hello world\\n\\01\\006\\300\\311\\n");\n}\n',
      'prog.c',
      { outcome: 15, stdout: 'Hello world\n\\x01\\x06\\xc0\\xc9\n' },
    ),
    c('c', 'Test compile error C++ hello world', '#include <iostream>\nint main() {\n    cout << "Hello world\\nIsn\'t this fun!\\n";\n}\n', 'prog.c', {
      outcome: 11,
    }),
  ],
  cpp: [
    c(
      'cpp',
      'Test good C++ hello world',
      '#include <iostream>\nusing namespace std;\nint main() {\n    cout << "Hello world\\nIsn\'t this fun!\\n";\n}\n',
      'prog.cpp',
      { outcome: 15, stdout: "Hello world\nIsn't this fun!\n" },
    ),
  ],
  nodejs: [
    c(
      'nodejs',
      'Syntactically valid Nodejs hello world',
      "console.log('Hello world!');\n",
      'test.js',
      { outcome: 15, stdout: 'Hello world!\n' },
      { parameters: { memorylimit: 1000000 } },
    ),
    c('nodejs', 'Syntactically invalid Nodejs', "s = 'Hello world!\nconsole.log(s)\n", 'test.js', { outcome: 12 }, { parameters: { memorylimit: 1000000 } }),
  ],
  php: [
    c(
      'php',
      'Correct Php program',
      `${HTML}<p><?php echo "A paragraph"; ?></p>\n</body>\n</html>\n`,
      'test.php',
      { outcome: 15, stdout: `${HTML}<p>A paragraph</p>\n</body>\n</html>\n` },
      { parameters: { cputime: 15 } },
    ),
    c(
      'php',
      'Syntactically incorrect Php program',
      `${HTML}<p><?php echo "A paragraph' ?></p>\n</body>\n</html>\n`,
      'test.php',
      { outcome: 11 },
      { parameters: { cputime: 15 } },
    ),
  ],
  java: [
    c(
      'java',
      'Correct Java program',
      JAVA_TEST('System.out.println("What a lot of code I need to write.");'),
      'Test.java',
      { outcome: 15, stdout: 'What a lot of code I need to write.\n' },
      { parameters: { cputime: 10 } },
    ),
    c(
      'java',
      'Correct Java program without supplied sourcefilename',
      JAVA_TEST('System.out.println("What a lot of code I need to write.");'),
      undefined,
      { outcome: 15, stdout: 'What a lot of code I need to write.\n' },
      { parameters: { cputime: 10 } },
    ),
    c(
      'java',
      'Syntactically incorrect Java program',
      JAVA_TEST("System.out.println('What a lot of code I need to write.);").replace('    }\n}\n', '}\n'),
      'Test.java',
      { outcome: 11 },
      { parameters: { cputime: 10 } },
    ),
    c(
      'java',
      'Java program with a support class (.java)',
      '\n// A Java program with a support class\npublic class Blah {\n    public static void main(String[] args) {\n        Thing thing = new Thing("Farewell cruel world");\n        thing.printme();\n    }\n}\n',
      undefined,
      { outcome: 15, stdout: 'Farewell cruel world\n' },
      {
        files: [[THING_ID, THING]],
        file_list: [[THING_ID, 'Thing.java']],
        parameters: { cputime: 10 },
      },
    ),
    c(
      'java',
      'Java program with Unicode output',
      JAVA_TEST('System.out.println("Un rôle délétère");'),
      'Test.java',
      { outcome: 15, stdout: 'Un rôle délétère\n' },
      { parameters: { cputime: 10 } },
    ),
  ],
  pascal: [
    c('pascal', 'Good Hello world Pascal test', "begin\nwriteln('Hello world!');\nend.\n", 'prog.pas', { outcome: 15, stdout: 'Hello world!\n' }),
    c('pascal', 'Fail Hello world Pascal test', "begin\nwriteln('Hello world!);\nend.\n", 'prog.pas', { outcome: 11 }),
  ],
  octave: [
    c(
      'octave',
      'Valid Octave',
      "_blah_ = 0;  % So octave doesn't expect just a function\nfunction sq = sqr(n)\n    sq = n * n;\nend\n\nfprintf('%d\\n%d\\n%d\\n', sqr(-3), sqr(11), sqr(0));\n",
      'jobe_test.m',
      { outcome: 15, stdout: '9\n121\n0\n' },
      { parameters: { memorylimit: 200000 } },
    ),
    c(
      'octave',
      'octave with stdin',
      "fprintf('%s\\n%s\\n', input('', 's'), input('', 's'));\n",
      'jobe_test.m',
      { outcome: 15, stdout: 'Line1\nLine2\n' },
      { parameters: { memorylimit: 200000 }, input: 'Line1\nLine2\n' },
    ),
    c(
      'octave',
      'Syntactically invalid Octave (treated as runtime error)',
      's = "hi there\';\n',
      'jobe_test.m',
      { outcome: 12 },
      { parameters: { memorylimit: 200000 } },
    ),
  ],
};
