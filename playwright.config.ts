import { defineConfig, devices } from '@playwright/test';
import { systemChromium } from './scripts/setup.js';

const port = Number(process.env.E2E_PORT ?? 4173);
// Several runs can share the machine when each sets E2E_PORT, SMTP_SINK_PORT, SMTP_SINK_HTTP_PORT and BUILD_DIR.
const smtpPort = process.env.SMTP_SINK_PORT ?? '2525';
const sinkHttpPort = process.env.SMTP_SINK_HTTP_PORT ?? '2526';
process.env.SMTP_SINK_PORT = smtpPort;
process.env.SMTP_SINK_HTTP_PORT = sinkHttpPort;
// The Chromium `npm test` found (CHROMIUM_PATH), else the system's; none: Playwright's own.
const chromium = process.env.CHROMIUM_PATH || systemChromium();

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 2,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		trace: 'retain-on-failure',
		...devices['Desktop Chrome'],
		launchOptions: {
			...(chromium ? { executablePath: chromium } : {}),
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
		}
	},
	webServer: [
		{
			command: 'npx tsx tests/support/smtp-sink.ts',
			url: `http://127.0.0.1:${sinkHttpPort}/`,
			reuseExistingServer: false,
			env: { SMTP_SINK_PORT: smtpPort, SMTP_SINK_HTTP_PORT: sinkHttpPort }
		},
		{
			command: 'node tests/support/e2e-server.js',
			url: `http://127.0.0.1:${port}/healthz`,
			reuseExistingServer: false,
			timeout: 120_000,
			stdout: 'pipe'
		}
	]
});
