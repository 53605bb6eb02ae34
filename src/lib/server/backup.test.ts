import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './db/client';
import {
	backupDatabase,
	backupName,
	backupSettings,
	checkFile,
	dailyBackupDue,
	databaseInUse,
	listBackups,
	pruneBackups,
	restoreDatabase
} from './backup';

const root = mkdtempSync(join(tmpdir(), 'lmn-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A real database file with the migrations and a few members. */
function liveDatabase(name: string, memberNames: string[]) {
	const path = join(root, name, 'app.db');
	const { sqlite } = openDatabase(path);
	sqlite.prepare(`insert into region (id, name, sort_order) values ('north-west', 'North West', 1)`).run();
	sqlite.prepare(`insert into authority (ons_code, dfe_code, name, kind, region_id) values ('E1', '1', 'Testshire', 'county', 'north-west')`).run();
	const insert = sqlite.prepare(
		`insert into member (email, name, handle, authority_id, position, created_at, updated_at) values (?, ?, ?, 1, 'lead-member', 0, 0)`
	);
	memberNames.forEach((n, i) => insert.run(`m${i}@example.org`, n, `h${i}`));
	return { path, sqlite };
}

const names = (path: string) => {
	const db = new Database(path, { readonly: true });
	try {
		return (db.prepare('select name from member order by id').all() as { name: string }[]).map((r) => r.name);
	} finally {
		db.close();
	}
};

describe('backups', () => {
	it('copies the live database while it is open, checks it and names it by time', async () => {
		const live = liveDatabase('a', ['Ada', 'Bea']);
		const dir = join(root, 'a', 'backups');
		const now = Date.parse('2026-11-23T02:00:05Z');
		const result = await backupDatabase({ source: live.sqlite, dir, now });
		expect(result.path).toBe(join(dir, 'app-20261123-020005Z.db'));
		expect(existsSync(`${result.path}-wal`)).toBe(false);
		expect(checkFile(result.path)).toMatchObject({ ok: true, members: 2 });
		expect(names(result.path)).toEqual(['Ada', 'Bea']);
		// A write after the backup is not in it.
		live.sqlite.prepare(`insert into member (email, name, handle, authority_id, position, created_at, updated_at) values ('x@example.org', 'Cy', 'cy', 1, 'lead-member', 0, 0)`).run();
		expect(names(result.path)).toEqual(['Ada', 'Bea']);
		live.sqlite.close();
	});

	it('backs up from a file path too (the CLI), with the server writing meanwhile', async () => {
		const live = liveDatabase('b', ['Ada']);
		const dir = join(root, 'b', 'backups');
		const writing = setInterval(() => {
			live.sqlite.prepare(`insert into rate_limit_event (key, at) values ('k', 1)`).run();
		}, 1);
		const result = await backupDatabase({ source: live.path, dir, now: Date.parse('2026-11-23T03:00:00Z') });
		clearInterval(writing);
		expect(checkFile(result.path).ok).toBe(true);
		live.sqlite.close();
	});

	it('keeps the newest 14', async () => {
		const live = liveDatabase('c', ['Ada']);
		const dir = join(root, 'c', 'backups');
		const day = 86_400_000;
		const start = Date.parse('2026-11-01T02:00:00Z');
		for (let i = 0; i < 16; i++) await backupDatabase({ source: live.sqlite, dir, now: start + i * day });
		const kept = listBackups(dir);
		expect(kept).toHaveLength(14);
		expect(kept[0].name).toBe(backupName(start + 15 * day));
		expect(kept.at(-1)!.name).toBe(backupName(start + 2 * day));
		writeFileSync(join(dir, 'notes.txt'), 'not a backup');
		expect(pruneBackups(dir, 3)).toHaveLength(11);
		expect(existsSync(join(dir, 'notes.txt'))).toBe(true);
		live.sqlite.close();
	});

	it('is due once a day after the backup hour, UK time', async () => {
		const dir = join(root, 'due');
		mkdirSync(dir, { recursive: true });
		const settings = { dir, keep: 14, hour: 2 };
		// 23 November is GMT: 01:59 UK is before the hour, 02:00 is due.
		expect(dailyBackupDue(settings, Date.parse('2026-11-23T01:59:00Z'))).toBe(false);
		expect(dailyBackupDue(settings, Date.parse('2026-11-23T02:00:00Z'))).toBe(true);
		// Summer time: 02:00 UK is 01:00 UTC.
		expect(dailyBackupDue(settings, Date.parse('2026-07-01T01:00:00Z'))).toBe(true);
		const live = liveDatabase('due-db', ['Ada']);
		await backupDatabase({ source: live.sqlite, dir, now: Date.parse('2026-11-23T02:00:30Z') });
		expect(dailyBackupDue(settings, Date.parse('2026-11-23T14:00:00Z'))).toBe(false);
		expect(dailyBackupDue(settings, Date.parse('2026-11-24T02:00:00Z'))).toBe(true);
		expect(dailyBackupDue({ ...settings, hour: null }, Date.parse('2026-11-24T02:00:00Z'))).toBe(false);
		live.sqlite.close();
	});

	it('reads its settings from the environment', () => {
		expect(backupSettings({ DATA_DIR: '/srv/lmn' })).toEqual({ dir: '/srv/lmn/backups', keep: 14, hour: 2 });
		expect(backupSettings({ DATA_DIR: '/srv/lmn', BACKUP_HOUR: 'off', BACKUP_KEEP: '30' })).toMatchObject({ keep: 30, hour: null });
		expect(backupSettings({ BACKUP_HOUR: '23:00' }).hour).toBe(23);
		expect(() => backupSettings({ BACKUP_HOUR: '25' })).toThrow(/BACKUP_HOUR/);
	});
});

describe('restoring', () => {
	it('round trip: back up, change the live data, restore, and the backup’s data is back', async () => {
		const live = liveDatabase('r', ['Ada', 'Bea']);
		const backup = await backupDatabase({ source: live.sqlite, dir: join(root, 'r', 'backups'), now: Date.parse('2026-11-23T02:00:00Z') });
		live.sqlite.prepare(`delete from member where name = 'Bea'`).run();
		// Refused while the database is open (a running server).
		expect(databaseInUse(live.path)).toBe(true);
		const refused = restoreDatabase(backup.path, { target: live.path });
		expect(refused.ok).toBe(false);
		if (!refused.ok) expect(refused.problem).toMatch(/in use/);
		live.sqlite.close();
		expect(databaseInUse(live.path)).toBe(false);
		const result = restoreDatabase(backup.path, { target: live.path, now: Date.parse('2026-11-23T09:00:00Z') });
		expect(result).toMatchObject({ ok: true, members: 2 });
		expect(names(live.path)).toEqual(['Ada', 'Bea']);
		if (result.ok) expect(names(result.keptAs!)).toEqual(['Ada']);
		// The restored database opens with migrations applied as normal.
		const reopened = openDatabase(live.path);
		expect((reopened.sqlite.prepare('select count(*) as n from member').get() as { n: number }).n).toBe(2);
		reopened.sqlite.close();
	});

	it('refuses a damaged file, a file that is not ours, a missing file, and the live file itself', async () => {
		const live = liveDatabase('bad', ['Ada']);
		const backup = await backupDatabase({ source: live.sqlite, dir: join(root, 'bad', 'backups') });
		live.sqlite.close();
		const damaged = join(root, 'bad', 'damaged.db');
		const bytes = readFileSync(backup.path);
		bytes.fill(0x41, 4096, 8192); // overwrite page 2
		writeFileSync(damaged, bytes);
		expect(restoreDatabase(damaged, { target: live.path }).ok).toBe(false);
		const other = join(root, 'bad', 'other.db');
		const o = new Database(other);
		o.exec('create table notes (x text)');
		o.close();
		const notOurs = restoreDatabase(other, { target: live.path });
		expect(notOurs.ok === false && notOurs.problem).toMatch(/not a Lead Member Network database/);
		expect(restoreDatabase(join(root, 'nope.db'), { target: live.path }).ok).toBe(false);
		expect(restoreDatabase(live.path, { target: live.path }).ok).toBe(false);
		writeFileSync(join(root, 'bad', 'text.db'), 'hello');
		expect(restoreDatabase(join(root, 'bad', 'text.db'), { target: live.path }).ok).toBe(false);
		expect(names(live.path)).toEqual(['Ada']);
	});
});

describe('backups include library files', () => {
	it('copies every file the database refers to, and restore puts them back', async () => {
		const live = liveDatabase('with-files', ['Ann Example']);
		const liveFiles = join(root, 'with-files', 'files');
		const hash = 'ab'.repeat(32);
		mkdirSync(join(liveFiles, 'ab'), { recursive: true });
		writeFileSync(join(liveFiles, 'ab', hash), 'the strategy');
		live.sqlite.prepare(`insert into stored_file (hash, size, kind, mime, refs, created_at, updated_at) values (?, 12, 'txt', 'text/plain', 1, 0, 0)`).run(hash);
		const dir = join(root, 'with-files-backups');
		const result = await backupDatabase({ source: live.sqlite, dir, now: Date.parse('2026-11-23T02:00:00Z') });
		expect(readFileSync(join(dir, 'files', 'ab', hash), 'utf8')).toBe('the strategy');
		live.sqlite.close();
		rmSync(join(liveFiles, 'ab', hash));
		const r = restoreDatabase(result.path, { target: join(root, 'with-files', 'app.db'), force: true });
		expect(r.ok).toBe(true);
		expect(readFileSync(join(liveFiles, 'ab', hash), 'utf8')).toBe('the strategy');
	});
	it('refuses to keep a backup whose database refers to a missing file', async () => {
		const live = liveDatabase('missing-file', ['Bo Example']);
		live.sqlite.prepare(`insert into stored_file (hash, size, kind, mime, refs, created_at, updated_at) values (?, 1, 'txt', 'text/plain', 1, 0, 0)`).run('cd'.repeat(32));
		const dir = join(root, 'missing-file-backups');
		await expect(backupDatabase({ source: live.sqlite, dir })).rejects.toThrow(/is missing/);
		expect(listBackups(dir)).toEqual([]);
		live.sqlite.close();
	});
});
