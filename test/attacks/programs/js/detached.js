// A detached, unreferenced child in its own session: it must not outlive the run.
const { spawn } = require('node:child_process');

const child = spawn('sleep', ['1000'], { detached: true, stdio: 'ignore' });
child.unref();
child.on('spawn', () => console.log('detached a child; the host check must find nothing left'));
