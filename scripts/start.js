// `npm start`: build when the sources are newer than the build, then serve the demo network.
// Migrations run and the database is seeded (reference data always, the demo network unless
// DEMO=0) by the server before it accepts a request.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildIsStale } from './build-state.js';

const root = new URL('..', import.meta.url).pathname;

const built = join(root, 'build', 'index.js');
if (buildIsStale(join(root, 'build'))) {
	console.log('Building the app (this takes a minute the first time)…');
	const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
}

const port = process.env.PORT || '3000';
const env = {
	...process.env,
	PORT: port,
	ORIGIN: process.env.ORIGIN || `http://localhost:${port}`,
	DATA_DIR: process.env.DATA_DIR || join(root, 'data'),
	DEMO: process.env.DEMO ?? '1'
};
const child = spawn(process.execPath, [built], { cwd: root, env, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
