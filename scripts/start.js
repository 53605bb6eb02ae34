// `npm start`: install the dependencies when node_modules is missing or older than
// package-lock.json, build when the sources are newer than the build, then serve the demo
// network and print its address and sign-ins. Migrations run and the database is seeded
// (reference data always, the demo network unless DEMO=0) by the server before it answers.
// Node's standard library only (it runs before `npm install`).
//
//   --dry-run     print what it would do, and do nothing
//   --no-install  never run `npm install` (the tests, which run it on a node_modules they share)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildIsStale } from './build-state.js';
import { buildQuietly, checkNode, demoOn, install, installReason, options, root, smtpAnswers, startBanner, startEnv } from './setup.js';

checkNode();
const given = options('npm start', ['--dry-run', '--no-install']);
const dryRun = given.has('--dry-run');
const env = startEnv(process.env);
const buildDir = resolve(root, process.env.BUILD_DIR || 'build');

const installWhy = given.has('--no-install') ? null : installReason();
const buildWhy = !existsSync(join(buildDir, 'index.js')) ? 'there is no build yet' : buildIsStale(buildDir) ? 'the sources changed since the last build' : null;

if (dryRun) {
	const steps = [
		installWhy ? `run npm install (${installWhy})` : 'use the installed dependencies (node_modules is up to date)',
		buildWhy ? `build the app (${buildWhy})` : 'use the existing build (newer than the sources)',
		`start the server at ${env.ORIGIN}: apply migrations, seed ${demoOn(env) ? 'the demo network' : 'the reference data'}, serve`,
		'print the address, the demo sign-ins and the reply-by-email address'
	];
	console.log(`npm start would:\n${steps.map((s, i) => `  ${i + 1}. ${s}`).join('\n')}`);
	process.exit(0);
}

if (installWhy) {
	console.log(`Installing the dependencies first (${installWhy})…`);
	if (!install()) process.exit(1);
}
if (buildWhy) {
	console.log(`Building the app (${buildWhy}; about a minute)…`);
	if (!buildQuietly(process.env)) process.exit(1);
}

const child = spawn(process.execPath, [join(buildDir, 'index.js')], { cwd: root, env, stdio: 'inherit' });
for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(sig, () => child.kill(sig));
let exited = false;
child.on('exit', (code, signal) => {
	exited = true;
	process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
});

// Once the server answers, the address and the sign-ins: every start, not only the first.
const host = env.HOST && env.HOST !== '0.0.0.0' && env.HOST !== '::' ? env.HOST : '127.0.0.1';
while (!exited) {
	const ok = await fetch(`http://${host.includes(':') ? `[${host}]` : host}:${env.PORT}/healthz`).then(
		(r) => r.ok,
		() => false
	);
	if (ok) {
		console.log(startBanner(env, { receiver: await smtpAnswers(Number(env.INBOUND_SMTP_PORT)) }));
		break;
	}
	await new Promise((r) => setTimeout(r, 200));
}
