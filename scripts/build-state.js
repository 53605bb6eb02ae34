// Is a production build older than the sources it is made from? One answer for `npm start`
// (scripts/start.js, plain node, so this file is plain JS), the benchmark (scripts/bench) and
// the integration tests that run the built server (tests/integration/built-app.ts).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** What a build is made from, relative to the project root. */
export const BUILD_SOURCES = ['src', 'static', 'drizzle', 'svelte.config.js', 'vite.config.ts', 'package.json'];

/**
 * The newest modification time of a file, or of anything under a folder.
 * @param {string} path
 * @returns {number}
 */
function newest(path) {
	const s = statSync(path);
	if (!s.isDirectory()) return s.mtimeMs;
	let max = s.mtimeMs;
	for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
	return max;
}

/**
 * True when `<buildDir>/index.js` is missing or older than a source.
 * @param {string} buildDir absolute path of the build folder
 * @returns {boolean}
 */
export function buildIsStale(buildDir) {
	const entry = join(buildDir, 'index.js');
	if (!existsSync(entry)) return true;
	const sources = BUILD_SOURCES.map((p) => join(root, p)).filter(existsSync);
	return Math.max(...sources.map(newest)) > statSync(entry).mtimeMs;
}
