// What `npm start` (scripts/start.js) and `npm test` (scripts/test.js) do before the app runs:
// install the dependencies when they are missing or older than the lock file, build quietly,
// find the system programs the tests use, and the lines printed when the demo is up.
// Node's standard library only: this runs before `npm install`. Linux and macOS.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync, utimesSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** Stops with a message on a Node.js older than package.json's engines (>= 20.19). */
export function checkNode() {
	const [major, minor] = process.versions.node.split('.').map(Number);
	if (major > 20 || (major === 20 && minor >= 19)) return;
	console.error(`Lead Member Network needs Node.js 20.19 or later; this is ${process.version}.`);
	process.exit(1);
}

/**
 * The options given to an entry script, as `node scripts/x.js --dry-run`, `npm start -- --dry-run`
 * or `npm start --dry-run` (npm keeps that for itself and passes it on as npm_config_dry_run).
 * Stops with a message on an option not in `known`.
 * @param {string} command e.g. "npm start"
 * @param {string[]} known e.g. ['--dry-run', '--no-install']
 * @returns {Set<string>}
 */
export function options(command, known) {
	const given = new Set(process.argv.slice(2));
	const unknown = [...given].filter((a) => !known.includes(a));
	if (unknown.length) {
		console.error(`${command}: unknown option ${unknown.join(' ')} (options: ${known.join(', ')})`);
		process.exit(2);
	}
	for (const option of known) {
		const no = option.startsWith('--no-');
		const value = process.env[`npm_config_${option.slice(no ? 5 : 2).replaceAll('-', '_')}`];
		if (value !== undefined && (no ? value === '' || value === 'false' : value === 'true')) given.add(option);
	}
	return given;
}

/**
 * Why `npm install` has to run first in `dir`, or null when node_modules is up to date.
 * npm writes node_modules/.package-lock.json on every install, so its age is the install's.
 * @param {string} [dir]
 * @returns {string | null}
 */
export function installReason(dir = root) {
	const modules = join(dir, 'node_modules');
	if (!existsSync(modules)) return 'node_modules is missing';
	const lock = ['package-lock.json', 'package.json'].map((f) => join(dir, f)).find((f) => existsSync(f));
	if (lock && statSync(lock).mtimeMs > statSync(installMarker(dir)).mtimeMs) {
		return `node_modules is older than ${lock.endsWith('package-lock.json') ? 'package-lock.json' : 'package.json'}`;
	}
	return null;
}

/** @param {string} dir */
function installMarker(dir) {
	const hidden = join(dir, 'node_modules', '.package-lock.json');
	return existsSync(hidden) ? hidden : join(dir, 'node_modules');
}

/**
 * Runs `npm install` in `dir` (output shown), then marks node_modules as up to date.
 * @param {string} [dir]
 * @returns {boolean} whether it worked
 */
export function install(dir = root) {
	// Under `npm start`/`npm test`, npm_execpath is the npm that is running us.
	const npm = process.env.npm_execpath?.endsWith('.js') ? [process.execPath, process.env.npm_execpath] : ['npm'];
	const r = spawnSync(npm[0], [...npm.slice(1), 'install', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
	if (r.status !== 0) return false;
	// npm leaves the hidden lock file alone when nothing changed: touch it so the next start
	// does not install again.
	const now = new Date();
	utimesSync(installMarker(dir), now, now);
	return true;
}

/**
 * `vite build`, its output kept back unless it fails (the per-chunk list is hundreds of lines).
 * @param {NodeJS.ProcessEnv} env
 * @returns {boolean} whether it worked
 */
export function buildQuietly(env = process.env) {
	const started = Date.now();
	const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
		cwd: root,
		env,
		encoding: 'utf8',
		maxBuffer: 256 * 1024 * 1024
	});
	if (r.status !== 0) {
		process.stdout.write(r.stdout ?? '');
		process.stderr.write(r.stderr ?? '');
		console.error(`The build failed${r.error ? `: ${r.error.message}` : ''}.`);
		return false;
	}
	console.log(`Built in ${Math.round((Date.now() - started) / 1000)} s.`);
	return true;
}

/** @param {string} path */
export function isExecutable(path) {
	try {
		accessSync(path, constants.X_OK);
		return statSync(path).isFile();
	} catch {
		return false;
	}
}

/** Where a system Chromium usually is: Debian/Ubuntu's package, Homebrew's cask on macOS. */
export const CHROMIUM_PLACES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/Applications/Chromium.app/Contents/MacOS/Chromium'];

/** Where Dovecot usually is: Debian/Ubuntu's package, Homebrew on Apple silicon and on Intel. */
export const DOVECOT_PLACES = ['/usr/sbin/dovecot', '/opt/homebrew/sbin/dovecot', '/usr/local/sbin/dovecot'];

/**
 * The system Chromium the browser tests use: CHROMIUM_PATH when set (and only there), else
 * the first of CHROMIUM_PLACES that exists. Playwright's config asks the same question.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string | null}
 */
export function systemChromium(env = process.env) {
	const places = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : CHROMIUM_PLACES;
	return places.find(isExecutable) ?? null;
}

/**
 * The Chromium Playwright downloaded itself (`npx playwright install chromium`), or null when it
 * has none or is not installed yet. Asked of Playwright in a child process, so this file stays
 * free of dependencies.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string | null}
 */
export function playwrightChromium(env = process.env) {
	if (!existsSync(join(root, 'node_modules', '@playwright', 'test'))) return null;
	const r = spawnSync(
		process.execPath,
		['--input-type=module', '-e', "import { chromium } from '@playwright/test'; process.stdout.write(chromium.executablePath())"],
		{ cwd: root, env, encoding: 'utf8' }
	);
	const path = r.status === 0 ? r.stdout.trim() : '';
	return path && isExecutable(path) ? path : null;
}

/**
 * Dovecot for the IMAP tests: DOVECOT_PATH when set (and only there), else DOVECOT_PLACES.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string | null}
 */
export function findDovecot(env = process.env) {
	const places = env.DOVECOT_PATH ? [env.DOVECOT_PATH] : DOVECOT_PLACES;
	return places.find(isExecutable) ?? null;
}

/**
 * The environment the demo server gets from `npm start`: the demo network on, the address
 * on localhost, and the built-in receiver for replies by email on INBOUND_SMTP_PORT.
 * @param {NodeJS.ProcessEnv} env
 */
export function startEnv(env = process.env) {
	const port = env.PORT || '3000';
	return {
		...env,
		PORT: port,
		ORIGIN: env.ORIGIN || `http://localhost:${port}`,
		DATA_DIR: env.DATA_DIR || join(root, 'data'),
		DEMO: env.DEMO ?? '1',
		INBOUND_SMTP_PORT: env.INBOUND_SMTP_PORT ?? '2500',
		// The demo's receiver listens on this machine only.
		INBOUND_SMTP_HOST: env.INBOUND_SMTP_HOST ?? '127.0.0.1',
		// Library uploads stream past adapter-node's 512 KB default; hooks.server.ts keeps 512 KB for every other route.
		BODY_SIZE_LIMIT: env.BODY_SIZE_LIMIT ?? 'Infinity'
	};
}

/**
 * What `npm start` prints once the server answers, every time it starts.
 * @param {NodeJS.ProcessEnv} env as from startEnv
 * @param {{ receiver: boolean }} running whether the built-in SMTP receiver answered
 * @returns {string}
 */
export function startBanner(env, running) {
	const origin = env.ORIGIN ?? '';
	const lines = ['', `Lead Member Network is running at ${origin}`];
	if (demoOn(env)) {
		lines.push(
			'',
			`Sign in with any of these (password "${DEMO_PASSWORD}"):`,
			'  admin@example.org        national admin',
			'  coordinator@example.org  coordinator, North West',
			'  mentor@example.org       Lead Member and mentor, Yorkshire and The Humber',
			'  member@example.org       new Lead Member, North West',
			`admin@ and coordinator@ also ask for a two-factor code: add the key ${DEMO_TOTP_SECRET}`,
			'to an authenticator app (time-based, 6 digits, 30 seconds).'
		);
	}
	lines.push('');
	if (running.receiver) {
		const host = new URL(origin || 'http://localhost').hostname;
		lines.push(`Replies by email: the built-in receiver takes mail for @${env.REPLY_DOMAIN || 'reply.localhost'} at smtp://${host}:${env.INBOUND_SMTP_PORT}.`);
	}
	if (!env.SMTP_URL) lines.push(`Every email the app sends is in Admin → Mailbox: ${origin}/admin/mailbox`);
	lines.push('Stop with Ctrl+C.', '');
	return lines.join('\n');
}

/**
 * DEMO as the server reads it (src/lib/server/config.ts): unset or empty is off, 0/false/no/off is off.
 * @param {NodeJS.ProcessEnv} env
 */
export function demoOn(env) {
	return !!env.DEMO && !['0', 'false', 'no', 'off'].includes(env.DEMO.toLowerCase());
}

/** The demo's shared password and two-factor key (tests check they match the seed's). */
export const DEMO_PASSWORD = 'lead-member-demo';
export const DEMO_TOTP_SECRET = 'LEADMEMBERNETWORKDEMOTWOFACTOR22';

/**
 * Does an SMTP server answer on 127.0.0.1:port? Waits for its greeting and says QUIT, so the
 * receiver sees a polite client rather than a reset connection.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
export function smtpAnswers(port) {
	return new Promise((resolve) => {
		if (!(Number.isInteger(port) && port > 0)) return resolve(false);
		const socket = connect({ host: '127.0.0.1', port });
		socket.setTimeout(2000, () => {
			socket.destroy();
			resolve(false);
		});
		socket.once('data', (greeting) => {
			socket.setTimeout(0);
			socket.end('QUIT\r\n');
			resolve(greeting.toString('latin1').startsWith('220'));
		});
		socket.on('error', () => resolve(false));
	});
}
