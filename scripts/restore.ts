// `npm run restore -- <file> [--force]`: restores a backup into the place of the live database
// (DATABASE_PATH, or DATA_DIR/app.db). Stop the server first. The file is checked (integrity and
// that it is this app's database) before anything changes; the old database is kept beside it.
// With no file, lists the backups.
import { backupSettings, databasePath, listBackups, restoreDatabase } from '../src/lib/server/backup';

const args = process.argv.slice(2);
const force = args.includes('--force');
const file = args.find((a) => !a.startsWith('--'));
const target = databasePath();

if (!file) {
	const { dir } = backupSettings();
	const backups = listBackups(dir);
	console.log('Usage: npm run restore -- <backup file> [--force]\n');
	if (backups.length === 0) console.log(`There are no backups in ${dir}.`);
	else {
		console.log(`Backups in ${dir}, newest first:`);
		for (const b of backups) console.log(`  ${b.name}  ${new Date(b.at).toISOString()}  ${(b.bytes / 1024).toFixed(0)} KB`);
	}
	process.exit(file === undefined && args.length === 0 ? 0 : 1);
}

const result = restoreDatabase(file, { target, force });
if (!result.ok) {
	console.error(`Nothing was restored. ${result.problem}`);
	process.exit(1);
}
console.log(`Restored ${result.restored} into ${target} (${result.members} members).`);
if (result.keptAs) console.log(`The database it replaced is kept as ${result.keptAs}.`);
console.log('Start the server: it applies any newer migrations before it accepts a request.');
