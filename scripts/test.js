// `npm test`: install the dependencies when node_modules is missing or older than
// package-lock.json, make sure the system programs the tests need are there (Chromium for the
// browser tests, Dovecot for the IMAP tests) — stopping before anything runs, with what to
// install, when they are not — then build, run vitest, run Playwright.
// Node's standard library only (it runs before `npm install`).
//
//   --dry-run      print what it would do (and what is missing), and do nothing
//   --no-download  never download a browser: stop with the message instead
//
// CHROMIUM_PATH / DOVECOT_PATH: use this program (and look nowhere else for it). The Chromium
// found is handed to Playwright as CHROMIUM_PATH (see playwright.config.ts), Dovecot as DOVECOT_PATH.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
	CHROMIUM_PLACES,
	DOVECOT_PLACES,
	buildQuietly,
	checkNode,
	findDovecot,
	install,
	installReason,
	options,
	playwrightChromium,
	root,
	systemChromium
} from './setup.js';

checkNode();
const given = options('npm test', ['--dry-run', '--no-download']);
const dryRun = given.has('--dry-run');
const download = !given.has('--no-download');
const plan = /** @type {string[]} */ ([]);

// 1. The dependencies.
const installWhy = installReason();
if (installWhy) {
	if (dryRun) plan.push(`run npm install (${installWhy})`);
	else {
		console.log(`Installing the dependencies first (${installWhy})…`);
		if (!install()) process.exit(1);
	}
} else if (dryRun) plan.push('use the installed dependencies (node_modules is up to date)');

// 2. A browser: the system's Chromium, else Playwright's own, else try to download Playwright's.
let chromium = systemChromium() ?? playwrightChromium();
let tried = download ? 'npx playwright install chromium failed' : 'not downloaded: --no-download';
if (!chromium && download && !dryRun) {
	console.log('No Chromium found for the browser tests: trying npx playwright install chromium…');
	const cli = join(root, 'node_modules', '@playwright', 'test', 'cli.js');
	const r = existsSync(cli) ? spawnSync(process.execPath, [cli, 'install', 'chromium'], { cwd: root, stdio: 'inherit' }) : null;
	chromium = r?.status === 0 ? playwrightChromium() : null;
	if (r?.status === 0 && !chromium) tried = 'npx playwright install chromium ran, but its Chromium is not where Playwright looks';
}

// 3. Dovecot, which the IMAP tests start on a free port with their own configuration.
const dovecot = findDovecot();

const missing = /** @type {string[]} */ ([]);
if (!chromium && !(dryRun && download)) {
	missing.push(
		'Chromium, for the browser tests. Looked for:',
		`  - ${process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH}` : CHROMIUM_PLACES.join(', ')}: not there`,
		`  - Playwright's own Chromium: not there (${tried})`,
		'  Install it with:',
		'    on Debian/Ubuntu:  apt-get install chromium   (as root)',
		'    elsewhere:         npx playwright install chromium'
	);
}
if (!dovecot) {
	missing.push(
		'Dovecot, for the IMAP tests. Looked for:',
		`  - ${process.env.DOVECOT_PATH ? `DOVECOT_PATH=${process.env.DOVECOT_PATH}` : DOVECOT_PLACES.join(', ')}: not there`,
		'  Install it with:',
		'    on Debian/Ubuntu:  apt-get install dovecot-imapd   (as root)',
		'    on macOS:          brew install dovecot'
	);
}
if (missing.length) {
	console.error(`npm test stopped before running anything. It needs:\n${missing.map((l) => `  ${l}`).join('\n')}\nThen run npm test again.`);
	process.exit(1);
}

const env = { ...process.env, ...(chromium ? { CHROMIUM_PATH: chromium } : {}), ...(dovecot ? { DOVECOT_PATH: dovecot } : {}) };
if (dryRun) {
	plan.push(
		chromium
			? `use Chromium at ${chromium} for the browser tests`
			: `download Playwright's Chromium (npx playwright install chromium), or stop with what to install if that fails`,
		`use Dovecot at ${dovecot} for the IMAP tests`,
		'build the app (vite build)',
		'run the unit and integration tests (vitest run)',
		'run the browser tests (playwright test)'
	);
	console.log(`npm test would:\n${plan.map((s, i) => `  ${i + 1}. ${s}`).join('\n')}`);
	process.exit(0);
}

// 4. The tests, in this order: build, vitest, Playwright.
console.log('Building the app…');
if (!buildQuietly(env)) process.exit(1);
for (const [what, bin, ...rest] of [
	['vitest', join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run'],
	['playwright', join(root, 'node_modules', '@playwright', 'test', 'cli.js'), 'test']
]) {
	const r = spawnSync(process.execPath, [bin, ...rest], { cwd: root, env, stdio: 'inherit' });
	if (r.status !== 0) {
		console.error(`npm test: ${what} failed${r.signal ? ` (${r.signal})` : ''}.`);
		process.exit(r.status || 1);
	}
}
