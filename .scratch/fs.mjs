import Database from 'better-sqlite3';
for (const mode of ['FULL','NORMAL']) {
  const db = new Database(`/var/tmp/fs-${mode}-${process.pid}.db`); db.pragma('journal_mode=WAL'); db.pragma(`synchronous=${mode}`);
  db.exec('create table t(id integer primary key, v text)'); const ins = db.prepare('insert into t(v) values (?)');
  const t0 = performance.now(); for (let i=0;i<200;i++) ins.run('x'.repeat(500)); console.log(mode, ((performance.now()-t0)/200).toFixed(3), 'ms/commit');
}
