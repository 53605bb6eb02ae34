// `npm run backup`: writes a consistent copy of the live database to DATA_DIR/backups/ (or
// BACKUP_DIR) with a timestamp, checks it with PRAGMA integrity_check and keeps the newest
// BACKUP_KEEP (14). Safe while the server runs (SQLite online backup).
import { backupDatabase, backupSettings, databasePath, listBackups } from '../src/lib/server/backup';

const settings = backupSettings();
const source = databasePath();
try {
	const result = await backupDatabase({ source, dir: settings.dir, keep: settings.keep });
	console.log(`Backed up ${source}\n  to ${result.path} (${(result.bytes / 1024).toFixed(0)} KB, integrity ok, ${result.durationMs} ms)`);
	if (result.removed.length) console.log(`Removed ${result.removed.length} older backup(s): ${result.removed.join(', ')}`);
	console.log(`${listBackups(settings.dir).length} backup(s) kept in ${settings.dir}`);
} catch (err) {
	console.error(`Backup failed: ${err instanceof Error ? err.message : String(err)}`);
	process.exit(1);
}
