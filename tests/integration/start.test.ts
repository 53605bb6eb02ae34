/**
 * The two commands of the quick start on a fresh clone (issue 21), and a quiet start that
 * prints the sign-ins every time (issue 18).
 *
 * - A copy of the repository as a clone has it (the files git tracks or would track, no
 *   node_modules, no build): `npm start --dry-run` and `npm test --dry-run` plan to install first.
 * - The install step follows node_modules' age against package-lock.json.
 * - `npm test` with no Chromium anywhere and downloading off stops before running anything
 *   and says what to install; the same for Dovecot.
 * - `npm start` (the real script, on a real build and an empty data folder) builds with a short
 *   output, and prints the address and the demo sign-ins on the first start and again on the
 *   second.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEMBERS, DEMO_PASSWORD } from '$lib/server/seed/demo-members';
import { DEMO_TOTP_SECRET } from '$lib/server/network/two-factor';
import { freePorts, root } from './built-app';
import * as setup from '../../scripts/setup.js';

/** The environment of a newcomer's shell: none of the settings the test runner or npm put there. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^(npm_|BUILD_DIR$|SVELTEKIT_OUT$|CHROMIUM_PATH$|DOVECOT_PATH$|PLAYWRIGHT_BROWSERS_PATH$|DATA_DIR$|DATABASE_PATH$|PORT$|ORIGIN$|DEMO$|VITEST)/.test(k)) continue;
		env[k] = v;
	}
	return { ...env, NODE_ENV: 'production', ...extra };
}

function run(script: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
	const r = spawnSync(process.execPath, [join(cwd, 'scripts', script), ...args], { cwd, env, encoding: 'utf8', timeout: 60_000 });
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The repository as a fresh clone has it: the files git tracks (or would track once added). */
function cloneInto(dir: string) {
	const ls = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
	expect(ls.status, `git ls-files: ${ls.stderr}`).toBe(0);
	for (const file of ls.stdout.split('\0').filter(Boolean)) {
		if (!existsSync(join(root, file))) continue; // deleted in the work tree
		mkdirSync(dirname(join(dir, file)), { recursive: true });
		cpSync(join(root, file), join(dir, file));
	}
}

const clone = mkdtempSync(join(tmpdir(), 'lmn-clone-'));
afterAll(() => rmSync(clone, { recursive: true, force: true }));

describe('a fresh clone', () => {
	beforeAll(() => cloneInto(clone));

	it('has no node_modules and no build, and npm start would install first, then build, migrate, seed and serve', () => {
		expect(existsSync(join(clone, 'node_modules'))).toBe(false);
		expect(existsSync(join(clone, 'package-lock.json'))).toBe(true);
		const r = run('start.js', ['--dry-run'], clone, cleanEnv());
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		const steps = r.stdout.trim().split('\n').slice(1);
		expect(steps[0]).toBe('  1. run npm install (node_modules is missing)');
		expect(steps[1]).toBe('  2. build the app (there is no build yet)');
		expect(steps[2]).toContain('start the server at http://localhost:3000: apply migrations, seed the demo network');
		expect(steps[3]).toContain('the demo sign-ins and the reply-by-email address');
		// A dry run does nothing.
		expect(existsSync(join(clone, 'node_modules'))).toBe(false);
		expect(existsSync(join(clone, 'data'))).toBe(false);
		expect(existsSync(join(clone, 'build'))).toBe(false);
	});

	it('npm test would install first, then use the browser and Dovecot found, then build, vitest, Playwright in that order', () => {
		// Any executable file stands for the programs here, so the plan is the same on every machine.
		const r = run('test.js', ['--dry-run'], clone, cleanEnv({ CHROMIUM_PATH: process.execPath, DOVECOT_PATH: process.execPath }));
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		expect(r.stdout.trim().split('\n').slice(1)).toEqual([
			'  1. run npm install (node_modules is missing)',
			`  2. use Chromium at ${process.execPath} for the browser tests`,
			`  3. use Dovecot at ${process.execPath} for the IMAP tests`,
			'  4. build the app (vite build)',
			'  5. run the unit and integration tests (vitest run)',
			'  6. run the browser tests (playwright test)'
		]);
	});

	it('installs again when package-lock.json is newer than node_modules, and not when it is older', () => {
		const modules = join(clone, 'node_modules');
		mkdirSync(modules);
		writeFileSync(join(modules, '.package-lock.json'), '{}');
		try {
			const lock = join(clone, 'package-lock.json');
			const hour = 3600;
			const now = Date.now() / 1000;
			utimesSync(lock, now - 2 * hour, now - 2 * hour);
			utimesSync(join(modules, '.package-lock.json'), now - hour, now - hour);
			expect(setup.installReason(clone)).toBeNull();
			expect(run('start.js', ['--dry-run'], clone, cleanEnv()).stdout).toContain('1. use the installed dependencies (node_modules is up to date)');

			utimesSync(lock, now, now); // e.g. `git pull` brought a new lock file
			expect(setup.installReason(clone)).toBe('node_modules is older than package-lock.json');
			expect(run('start.js', ['--dry-run'], clone, cleanEnv()).stdout).toContain('1. run npm install (node_modules is older than package-lock.json)');
			expect(run('test.js', ['--dry-run'], clone, cleanEnv({ CHROMIUM_PATH: process.execPath, DOVECOT_PATH: process.execPath })).stdout).toContain(
				'1. run npm install (node_modules is older than package-lock.json)'
			);
		} finally {
			rmSync(modules, { recursive: true, force: true });
		}
	});
});

describe('npm test without a browser or Dovecot', () => {
	// The clone, with this repository's dependencies (linked) counted as installed, no Chromium
	// where it says to look, Playwright's download folder empty and downloading off.
	const noBrowsers = mkdtempSync(join(tmpdir(), 'lmn-no-browsers-'));
	beforeAll(() => {
		if (!existsSync(join(clone, 'package.json'))) cloneInto(clone);
		symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'));
		const old = Date.now() / 1000 - 365 * 24 * 3600;
		utimesSync(join(clone, 'package-lock.json'), old, old);
		expect(setup.installReason(clone)).toBeNull();
	});
	afterAll(() => {
		rmSync(join(clone, 'node_modules'), { force: true });
		rmSync(noBrowsers, { recursive: true, force: true });
	});

	it('stops before running anything and says what to install for the browser tests', () => {
		const missing = join(noBrowsers, 'no-such-chromium');
		const r = run('test.js', ['--no-download'], clone, cleanEnv({ CHROMIUM_PATH: missing, PLAYWRIGHT_BROWSERS_PATH: noBrowsers, DOVECOT_PATH: process.execPath }));
		expect(r.status).toBe(1);
		expect(r.stderr).toContain('npm test stopped before running anything');
		expect(r.stderr).toContain(`CHROMIUM_PATH=${missing}: not there`);
		expect(r.stderr).toContain("Playwright's own Chromium: not there");
		expect(r.stderr).toContain('on Debian/Ubuntu:  apt-get install chromium');
		expect(r.stderr).toContain('elsewhere:         npx playwright install chromium');
		expect(r.stderr).not.toContain('Dovecot');
		// Nothing ran: no build, no test output.
		expect(r.stdout).toBe('');
		expect(existsSync(join(clone, 'build'))).toBe(false);
		expect(existsSync(join(clone, '.svelte-kit', 'output'))).toBe(false);
	});

	it('tries npx playwright install chromium first, and stops the same way when that fails (no network)', () => {
		const dead = 'http://127.0.0.1:9'; // the discard port: nothing answers, as with no network
		const env = cleanEnv({
			CHROMIUM_PATH: join(noBrowsers, 'no-such-chromium'),
			PLAYWRIGHT_BROWSERS_PATH: noBrowsers,
			DOVECOT_PATH: process.execPath,
			HTTPS_PROXY: dead,
			HTTP_PROXY: dead,
			https_proxy: dead,
			http_proxy: dead
		});
		delete env.NO_PROXY;
		delete env.no_proxy;
		const r = run('test.js', [], clone, env);
		expect(r.status).toBe(1);
		expect(r.stdout).toContain('trying npx playwright install chromium');
		expect(r.stderr).toContain("Playwright's own Chromium: not there (npx playwright install chromium failed)");
		expect(r.stderr).toContain('on Debian/Ubuntu:  apt-get install chromium');
		expect(r.stdout).not.toContain('Building the app');
		expect(existsSync(join(clone, 'build'))).toBe(false);
	});

	it('names the Dovecot package when Dovecot is missing', () => {
		const r = run('test.js', ['--no-download'], clone, cleanEnv({ CHROMIUM_PATH: process.execPath, DOVECOT_PATH: join(noBrowsers, 'no-such-dovecot') }));
		expect(r.status).toBe(1);
		expect(r.stderr).toContain('on Debian/Ubuntu:  apt-get install dovecot-imapd');
		expect(r.stderr).toContain('on macOS:          brew install dovecot');
		expect(r.stderr).not.toContain('Chromium');
		expect(r.stdout).toBe('');
	});

	it('with the programs there, the plan goes on to build and test', () => {
		const r = run('test.js', ['--dry-run', '--no-download'], clone, cleanEnv({ CHROMIUM_PATH: process.execPath, DOVECOT_PATH: process.execPath }));
		expect(r.status).toBe(0);
		expect(r.stdout).toContain('1. use the installed dependencies (node_modules is up to date)');
		expect(r.stdout).toContain('6. run the browser tests (playwright test)');
	});
});

describe('the sign-ins npm start prints', () => {
	it('are the demo network’s own', () => {
		expect(setup.DEMO_PASSWORD).toBe(DEMO_PASSWORD);
		expect(setup.DEMO_TOTP_SECRET).toBe(DEMO_TOTP_SECRET);
		const text = setup.startBanner(setup.startEnv({ PORT: '3000' }), { receiver: false });
		const emails = [...text.matchAll(/^ {2}(\S+@example\.org)\s/gm)].map((m) => m[1]);
		expect(emails).toEqual(['admin@example.org', 'coordinator@example.org', 'mentor@example.org', 'member@example.org']);
		const member = (email: string) => DEMO_MEMBERS.find((m) => m.email === email);
		expect(member('admin@example.org')?.role).toBe('admin');
		expect(member('coordinator@example.org')?.coordinatorOf).toBe('north-west');
		expect(member('mentor@example.org')?.mentor).toBeTruthy();
		expect(member('member@example.org')?.role).toBe('member');
		expect(text).toContain('running at http://localhost:3000');
		expect(text).not.toContain('Replies by email');
		expect(setup.startBanner(setup.startEnv({ PORT: '3000', DEMO: '0' }), { receiver: false })).not.toContain('lead-member-demo');
		expect(setup.startBanner(setup.startEnv({ PORT: '3000', REPLY_DOMAIN: 'reply.example.org' }), { receiver: true })).toContain(
			'Replies by email: the built-in receiver takes mail for @reply.example.org at smtp://localhost:2500.'
		);
	});
});

describe('npm start, twice', () => {
	// Its own build folder (built by the first start when missing or stale), as serve.test.ts has.
	const buildDir = resolve(root, process.env.START_BUILD_DIR || 'build-start');
	const dataDir = mkdtempSync(join(tmpdir(), 'lmn-start-'));
	let port = 0;
	let inboundPort = 0;
	let child: ChildProcess | null = null;
	afterAll(() => {
		child?.kill('SIGKILL');
		rmSync(dataDir, { recursive: true, force: true });
	});

	/** Runs `node scripts/start.js` until it has printed the sign-ins; returns all it printed. */
	async function start(): Promise<string> {
		let out = '';
		child = spawn(process.execPath, [join(root, 'scripts', 'start.js'), '--no-install'], {
			cwd: root,
			env: cleanEnv({
				BUILD_DIR: buildDir,
				SVELTEKIT_OUT: '.svelte-kit-start',
				DATA_DIR: dataDir,
				PORT: String(port),
				HOST: '127.0.0.1',
				ORIGIN: `http://127.0.0.1:${port}`,
				INBOUND_SMTP_PORT: String(inboundPort),
				JOBS: '0',
				LOG_LEVEL: 'warn'
			}),
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const c = child;
		c.stdout?.on('data', (d) => (out += d));
		c.stderr?.on('data', (d) => (out += d));
		await new Promise<void>((ok, fail) => {
			const timer = setInterval(() => {
				if (out.includes('Stop with Ctrl+C.')) {
					clearInterval(timer);
					ok();
				}
			}, 100);
			c.once('exit', (code) => {
				clearInterval(timer);
				fail(new Error(`npm start exited (${code}):\n${out}`));
			});
		});
		return out;
	}

	async function stop() {
		const c = child;
		if (!c || c.exitCode !== null) return;
		const exited = new Promise((ok) => c.once('exit', ok));
		c.kill('SIGTERM');
		await exited;
		child = null;
	}

	it('prints the address and the demo sign-ins on the first start and again on the next, after a short build', async () => {
		[port, inboundPort] = await freePorts(2);
		const first = await start();
		const receiver = await setup.smtpAnswers(inboundPort);
		await stop();
		const second = await start();
		await stop();
		for (const out of [first, second]) {
			expect(out).toContain(`Lead Member Network is running at http://127.0.0.1:${port}`);
			expect(out).toContain('Sign in with any of these (password "lead-member-demo"):');
			expect(out).toContain('  member@example.org');
			expect(out).toContain(DEMO_TOTP_SECRET);
			// The reply-by-email line when the built-in receiver answers.
			expect(out.includes(`smtp://127.0.0.1:${inboundPort}`)).toBe(receiver);
		}
		// The build, when there was one, says so in two lines: no per-chunk list, no "npm run
		// preview" hint, no plugin timings.
		const beforeBanner = first.slice(0, first.indexOf('Lead Member Network is running'));
		expect(beforeBanner).not.toMatch(/kB|npm run preview|PLUGIN_TIMINGS|\[plugin/);
		expect(beforeBanner.split('\n').length).toBeLessThan(8);
		expect(second).not.toContain('Building the app');
	}, 600_000);
});
