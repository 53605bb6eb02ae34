// Starts the built app for Playwright on a fresh data folder, sending mail to the test SMTP sink.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

const dataDir = resolve(`.test-data/e2e-${process.env.E2E_PORT ?? '4173'}`);
rmSync(dataDir, { recursive: true, force: true });
Object.assign(process.env, {
	DATA_DIR: dataDir,
	DEMO: '1',
	PORT: process.env.E2E_PORT ?? '4173',
	ORIGIN: `http://127.0.0.1:${process.env.E2E_PORT ?? '4173'}`,
	SMTP_URL: `smtp://127.0.0.1:${process.env.SMTP_SINK_PORT ?? '2525'}`,
	JOB_INTERVAL_MS: '300',
	// Every browser test comes from 127.0.0.1: room for the suites that send the join form.
	JOIN_REQUESTS_PER_ADDRESS: '30',
	// Mail in: the built-in SMTP receiver (E2E_PORT + 3 unless set) and the webhook's secret.
	INBOUND_SMTP_PORT: process.env.INBOUND_SMTP_PORT ?? String(Number(process.env.E2E_PORT ?? '4173') + 3),
	INBOUND_SMTP_HOST: '127.0.0.1',
	INBOUND_SECRET: process.env.INBOUND_SECRET ?? 'e2e-inbound-secret',
	BODY_SIZE_LIMIT: 'Infinity',
	LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn'
});
await import(resolve(process.env.BUILD_DIR || 'build', 'index.js'));
