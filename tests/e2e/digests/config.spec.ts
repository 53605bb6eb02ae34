import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test, expect } from '../fixtures';

test('the server stops at start with a clear message when SMTP_URL cannot be read', async () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'lmn-bad-smtp-'));
	try {
		const child = spawn(process.execPath, [resolve(process.env.BUILD_DIR || 'build', 'index.js')], {
			env: { ...process.env, DATA_DIR: dataDir, PORT: '0', DEMO: '0', SMTP_URL: 'smtp//mail.example.org', LOG_LEVEL: 'warn' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout!.on('data', (d) => (output += d));
		child.stderr!.on('data', (d) => (output += d));
		const code = await new Promise<number | null>((r) => {
			const timer = setTimeout(() => (child.kill('SIGKILL'), r(null)), 30_000);
			child.on('exit', (c) => (clearTimeout(timer), r(c)));
		});
		expect(code, 'the server exits instead of serving').not.toBe(0);
		expect(code).not.toBeNull();
		expect(output).toContain('SMTP_URL could not be read');
		expect(output).toContain('Use a URL like smtp://');
	} finally {
		rmSync(dataDir, { recursive: true, force: true });
	}
});
