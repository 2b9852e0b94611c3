// process.kill(-1): signal everything this uid may reach. A host process with the box's uid must survive.
try {
  process.kill(-1, 'SIGKILL');
  console.log('kill(-1) sent; the host sentinel decides');
} catch (e) {
  console.log(`kill(-1) refused: ${e.code}`);
}
