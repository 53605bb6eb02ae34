/**
 * Command-line tasks, run with tsx against the same DATA_DIR / DATABASE_PATH as the server:
 *
 *   tsx scripts/cli.ts migrate
 *       Applies database migrations and exits.
 *   tsx scripts/cli.ts digest --dry-run --to member@example.org [--at 2026-11-30T07:00] [--since 2026-11-16]
 *       Prints the personal digest that member would get now (or at --at, UK time), covering
 *       what is new since their last digest (or --since); sends and records nothing.
 *   tsx scripts/cli.ts digest [--to member@example.org]
 *       Queues the personal digests that are due now (only that member's with --to).
 *   tsx scripts/cli.ts mail:send-due
 *       Sends scheduled regional digests and due personal digests, then delivers everything
 *       due in the outbox, and exits (exit code 1 when the mail server could not be reached).
 */
import { config } from '../src/lib/server/config';

type Args = { command: string; flags: Map<string, string | true> };

function parseArgs(argv: string[]): Args {
	const [command = 'help', ...rest] = argv;
	const flags = new Map<string, string | true>();
	for (let i = 0; i < rest.length; i++) {
		const a = rest[i];
		if (!a.startsWith('--')) continue;
		const [name, inline] = a.slice(2).split('=', 2);
		if (inline !== undefined) flags.set(name, inline);
		else if (rest[i + 1] && !rest[i + 1].startsWith('--')) flags.set(name, rest[++i]);
		else flags.set(name, true);
	}
	return { command, flags };
}

const USAGE = `Usage:
  npm run db:migrate
  npm run digest -- --dry-run --to member@example.org [--at 2026-11-30T07:00] [--since 2026-11-16]
  npm run digest [-- --to member@example.org]
  npm run mail:send-due`;

async function atFlag(flags: Args['flags']): Promise<number> {
	const at = flags.get('at');
	if (typeof at !== 'string') return Date.now();
	const { londonDateTimeToUtc } = await import('../src/lib/time');
	const [date, time] = at.split('T');
	const ms = londonDateTimeToUtc(date, time ?? '00:00');
	if (ms == null) throw new UsageError(`--at must be a UK date and time like 2026-11-30T07:00 (got "${at}")`);
	return ms;
}

class UsageError extends Error {}

async function migrate() {
	const { openDatabase } = await import('../src/lib/server/db/client');
	const { sqlite } = openDatabase(config().databasePath);
	const applied = (sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
	sqlite.close();
	console.log(`Database ${config().databasePath} is up to date (${applied} migrations applied).`);
}

async function digest(flags: Args['flags']) {
	(await import('../src/lib/server/links')).provideLinks();
	const personal = await import('../src/lib/server/digests/personal');
	const { formatDateTime } = await import('../src/lib/time');
	const now = await atFlag(flags);
	const to = flags.get('to');
	if (flags.has('dry-run')) {
		if (typeof to !== 'string') throw new UsageError('--dry-run needs --to <email address>');
		let since: number | undefined;
		const sinceFlag = flags.get('since');
		if (typeof sinceFlag === 'string') {
			const { londonDateTimeToUtc } = await import('../src/lib/time');
			since = londonDateTimeToUtc(sinceFlag) ?? undefined;
			if (since == null) throw new UsageError(`--since must be a date like 2026-11-16 (got "${sinceFlag}")`);
		}
		const r = personal.dryRun(to, now, { since });
		if (!r) throw new UsageError(`No active member has the email address ${to}`);
		const s = r.schedule;
		console.log(`Digest for ${r.recipient.name} <${r.recipient.email}>`);
		console.log(`Schedule: ${s.frequency}${s.frequency === 'weekly' ? ` on weekday ${s.weekday}` : ''}${s.frequency === 'never' ? '' : ` at ${String(s.hour).padStart(2, '0')}:00 UK time`}`);
		console.log(`Due now: ${r.due ? `yes (${r.due.periodKey}, scheduled for ${formatDateTime(r.due.dueAt)})` : 'no'}${r.nextAt ? `; next at ${formatDateTime(r.nextAt)}` : ''}`);
		console.log(`Covers: ${formatDateTime(r.since)} to ${formatDateTime(now)}; ${r.content.itemCount} items shown, ${r.content.moreCount} more`);
		console.log(personal.explain(r));
		if (!r.email) {
			console.log('\nThere is nothing at all to show for this member.');
			return;
		}
		console.log(`\nSubject: ${r.email.subject}`);
		for (const [k, v] of Object.entries(r.email.headers)) console.log(`${k}: ${v}`);
		console.log(`Size: ${Buffer.byteLength(r.email.html) + Buffer.byteLength(r.email.text)} bytes\n`);
		console.log(r.email.text);
		return;
	}
	let memberIds: number[] | undefined;
	if (typeof to === 'string') {
		const { recipientByEmail } = await import('../src/lib/server/digests/recipients');
		const m = recipientByEmail(to);
		if (!m) throw new UsageError(`No active member has the email address ${to}`);
		memberIds = [m.id];
	}
	const r = await personal.sendDue(now, { memberIds });
	console.log(
		`Personal digests due: ${r.due}; queued: ${r.sent}; nothing new: ${r.empty}; skipped (seen on the site): ${r.seen}; held (away too long): ${r.held}; already handled: ${r.already}; failed: ${r.failed}.`
	);
}

async function sendDue() {
	const regional = await import('../src/lib/server/digests/regional');
	(await import('../src/lib/server/links')).provideLinks();
	const personal = await import('../src/lib/server/digests/personal');
	const { configuredTransport } = await import('../src/lib/server/mail/transport');
	const { drain } = await import('../src/lib/server/mail/worker');
	const now = Date.now();
	const scheduled = await regional.runScheduled(now);
	const digests = await personal.sendDue(now);
	const transport = configuredTransport();
	try {
		const r = await drain(transport, { force: true });
		console.log(
			`Regional digests sent: ${scheduled}. Personal digests queued: ${digests.sent} (nothing new for ${digests.empty}). ` +
				`Emails sent: ${r.sent}; to retry later: ${r.retry}; failed: ${r.failed}; no answer (may have arrived): ${r.uncertain}.`
		);
		if (r.unreachable) {
			console.error('The mail server could not be reached. The messages wait in the outbox and go when it is back.');
			process.exitCode = 1;
		}
	} finally {
		transport.close();
	}
}

async function main() {
	const { command, flags } = parseArgs(process.argv.slice(2));
	try {
		config(); // a bad SMTP_URL stops here, with a message that says what to do
	} catch (err) {
		console.error(err instanceof Error ? err.message : String(err));
		process.exit(1);
	}
	try {
		if (command === 'migrate') await migrate();
		else if (command === 'digest') await digest(flags);
		else if (command === 'mail:send-due') await sendDue();
		else {
			console.log(USAGE);
			if (command !== 'help' && command !== '--help') process.exitCode = 2;
		}
	} catch (err) {
		if (err instanceof UsageError) {
			console.error(err.message);
			process.exitCode = 2;
		} else throw err;
	} finally {
		const { closeDatabase } = await import('../src/lib/server/db/client');
		closeDatabase();
	}
}

await main();
