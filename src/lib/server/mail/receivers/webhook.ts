/**
 * The webhook (issue 14): `POST /mail/inbound` with the raw RFC 822 message as the body, for a
 * Postfix pipe (`curl --data-binary @-`) or a provider's inbound hook that can send raw mail.
 * The shared secret INBOUND_SECRET comes as `Authorization: Bearer <secret>` (or an
 * `X-Inbound-Secret` header) and is compared in constant time. The envelope may come as
 * `X-Envelope-From` and `X-Envelope-To` headers (or `from` and `to` in the query). It stores the
 * message raw and answers 202; processing happens later, from the scheduler. Knows no area.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { config } from '../../config';
import * as inbound from '../inbound';

const json = (status: number, body: Record<string, unknown>) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });

/** Constant-time comparison of two secrets of any length (their SHA-256 digests are compared). */
export function sameSecret(given: string, expected: string): boolean {
	const a = createHash('sha256').update(given, 'utf8').digest();
	const b = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(a, b) && given.length === expected.length;
}

/** Reads a request body up to `max` bytes; null when it is longer. */
async function readCapped(request: Request, max: number): Promise<Buffer | null> {
	if (!request.body) return Buffer.alloc(0);
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.length;
		if (size > max) {
			await reader.cancel().catch(() => undefined);
			return null;
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks);
}

/** Handles one webhook request. */
export async function receive(request: Request, url: URL): Promise<Response> {
	const c = config().inbound;
	if (!c.secret) return json(404, { error: 'The inbound mail webhook is off (INBOUND_SECRET is not set).' });
	const auth = request.headers.get('authorization') ?? '';
	const given = /^bearer\s+(.+)$/i.exec(auth)?.[1]?.trim() ?? request.headers.get('x-inbound-secret') ?? '';
	if (!given || !sameSecret(given, c.secret)) return json(401, { error: 'Wrong or missing secret.' });
	const declared = Number(request.headers.get('content-length'));
	if (Number.isFinite(declared) && declared > c.maxBytes) return json(413, { error: `Message too big: at most ${c.maxBytes} bytes.` });
	const raw = await readCapped(request, c.maxBytes);
	if (raw == null) return json(413, { error: `Message too big: at most ${c.maxBytes} bytes.` });
	if (raw.length === 0) return json(400, { error: 'Send the raw message (RFC 822) as the request body.' });
	const from = request.headers.get('x-envelope-from') ?? url.searchParams.get('from');
	const to = request.headers.get('x-envelope-to') ?? url.searchParams.get('to') ?? '';
	const stored = inbound.store({
		raw,
		via: 'webhook',
		envelopeFrom: from == null ? null : from.trim().toLowerCase() || '<>',
		recipients: to
			.split(',')
			.map((a) => a.trim().toLowerCase())
			.filter((a) => a.includes('@'))
	});
	return json(202, { id: stored.id, duplicate: stored.duplicate });
}
