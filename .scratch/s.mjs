import WebSocket from 'ws';
import pino from 'pino';
import { testApp } from '/work/wt-service/dist/test/helpers/service.js';
const t = await testApp(304);
const url = (await t.app.listen({ host: '127.0.0.1', port: 0 })).replace('http', 'ws');
for (const msgs of [[{ type: 'start', run: { language: 'python3', source: 'import sys\nprint(len(sys.stdin.read()))' } }, { type: 'stdin', data: 'abc' }, { type: 'eof' }], [{type:'stdin', data:'x'}]]) {
  await new Promise((res) => { const ws = new WebSocket(`${url}/v1/stream`); ws.on('open', () => msgs.forEach((m) => ws.send(JSON.stringify(m)))); ws.on('message', (m) => console.log(String(m))); ws.on('close', (c, r) => { console.log('close', c, String(r)); res(); }); });
}
await t.close();
