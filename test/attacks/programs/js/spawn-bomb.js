// Spawn sleeping children until the process limit refuses one (EAGAIN), then exit and leave them.
const { spawn } = require('node:child_process');

let n = 0;
function next() {
  const child = spawn('sleep', ['60'], { stdio: 'ignore', detached: true });
  child.on('error', (e) => {
    console.log(`contained: spawn refused after ${n} children: ${e.code}`);
    process.exit(0);
  });
  child.on('spawn', () => {
    n++;
    child.unref();
    if (n >= 10000) {
      console.log('ESCAPED: 10000 children');
      process.exit(0);
    }
    next();
  });
}
next();
