/** The app secret for signed links and addresses: APP_SECRET, or one generated once and kept under DATA_DIR. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { config } from '../config';
import { randomToken } from '../auth/crypto';

let secret: Uint8Array | null = null;

export function appSecret(): Uint8Array {
	if (secret) return secret;
	let value = config().secret;
	if (!value) {
		const file = join(config().dataDir, 'app-secret');
		if (existsSync(file)) value = readFileSync(file, 'utf8').trim();
		else {
			value = randomToken(32);
			mkdirSync(config().dataDir, { recursive: true });
			writeFileSync(file, value, { mode: 0o600 });
		}
	}
	secret = new TextEncoder().encode(value);
	return secret;
}

/** HMAC-SHA256 of the payload with the app secret. */
export function hmac(payload: string): Buffer {
	return createHmac('sha256', appSecret()).update(payload, 'utf8').digest();
}
