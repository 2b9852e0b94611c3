// Flood stdout with NUL bytes and invalid UTF-8 through Node's stream: OLE at the cap.
const chunk = Buffer.alloc(65536);
for (let i = 0; i < chunk.length; i++) chunk[i] = [0x00, 0xff, 0xc0, 0x80][i % 4];
function write() {
  while (process.stdout.write(chunk));
  process.stdout.once('drain', write);
}
write();
