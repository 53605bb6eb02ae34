/**
 * A real Dovecot IMAP server for tests (issue 14): started as a child process on a free port on
 * 127.0.0.1 with its own configuration, password file and Maildir under a temporary folder.
 * Debian's `dovecot-imapd` provides /usr/sbin/dovecot (`.ci/run` installs it). Without it the
 * test fails, saying how to install it — it is never skipped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** The program: DOVECOT_PATH (what `npm test` found and passes on), else Debian's. */
export const DOVECOT = process.env.DOVECOT_PATH || process.env.DOVECOT_BIN || '/usr/sbin/dovecot';

export type Dovecot = { port: number; user: string; password: string; dir: string; stop: () => Promise<void>; log: () => string };

/** A port nobody listens on now (bound on 127.0.0.1 port 0, then released for Dovecot). */
async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => resolve(port));
		});
	});
}

async function waitForPort(port: number, child: ChildProcess, logFile: string, ms = 15_000) {
	const until = Date.now() + ms;
	while (Date.now() < until) {
		if (child.exitCode != null) throw new Error(`Dovecot exited (${child.exitCode}): ${existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''}`);
		const ok = await new Promise<boolean>((resolve) => {
			const c = connect(port, '127.0.0.1', () => {
				c.end();
				resolve(true);
			});
			c.on('error', () => resolve(false));
		});
		if (ok) return;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`Dovecot did not listen on ${port} within ${ms} ms: ${existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''}`);
}

/** Starts Dovecot with one mailbox user; throws (with how to install it) when Dovecot is missing. */
export async function startDovecot(program = DOVECOT): Promise<Dovecot> {
	if (!existsSync(program)) {
		throw new Error(`Dovecot is not installed (no ${program}). The IMAP test needs a real IMAP server: install it with \`sudo apt-get install dovecot-imapd\` (Debian/Ubuntu) or \`brew install dovecot\` (macOS), or set DOVECOT_PATH to it.`);
	}
	const dir = mkdtempSync(join(tmpdir(), 'lmn-dovecot-'));
	const port = await freePort();
	const root = process.getuid?.() === 0;
	const me = userInfo();
	// As root, Dovecot's own users run the service and mail belongs to "nobody" (Dovecot refuses uid 0 for mail).
	const mailUid = root ? 65534 : me.uid;
	const mailGid = root ? 65534 : me.gid;
	const internalUser = root ? 'dovecot' : me.username;
	const loginUser = root ? 'dovenull' : me.username;
	for (const d of ['run', 'state', 'mail']) mkdirSync(join(dir, d), { recursive: true });
	// The mail processes run as another user when we are root: they must reach the Maildir.
	chmodSync(dir, 0o755);
	if (root) chownSync(join(dir, 'mail'), mailUid, mailGid);
	const user = 'lmn-replies@council.example';
	const password = 'imap-test-password';
	writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}\n`);
	const logFile = join(dir, 'dovecot.log');
	writeFileSync(
		join(dir, 'dovecot.conf'),
		`base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${logFile}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
default_internal_user = ${internalUser}
default_login_user = ${loginUser}
first_valid_uid = 1
service imap-login {
  inet_listener imap {
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${dir}/mail/%u
}
protocol imap {
  mail_max_userip_connections = 50
}
`
	);
	const child = spawn(program, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout?.on('data', (d) => (output += d));
	child.stderr?.on('data', (d) => (output += d));
	try {
		await waitForPort(port, child, logFile);
	} catch (err) {
		child.kill('SIGTERM');
		throw new Error(`${(err as Error).message}\n${output}`);
	}
	return {
		port,
		user,
		password,
		dir,
		log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '') + output,
		stop: () =>
			new Promise<void>((resolve) => {
				if (child.exitCode != null) {
					rmSync(dir, { recursive: true, force: true });
					return resolve();
				}
				child.once('exit', () => {
					rmSync(dir, { recursive: true, force: true });
					resolve();
				});
				child.kill('SIGTERM');
			})
	};
}
