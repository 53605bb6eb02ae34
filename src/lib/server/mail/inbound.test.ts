import { describe, expect, it } from 'vitest';
import { byId, finish, messageIdOf, notifiedRecently, outcomeCounts, pending, purgeRaw, recent, store } from './inbound';

const T0 = Date.UTC(2026, 10, 2, 9);
const msg = (id: string | null, body = 'Hello') =>
	Buffer.from(`From: a@example.org\r\nTo: reply+x@reply.localhost\r\n${id ? `Message-ID:\r\n  ${id}\r\n` : ''}Subject: Hi\r\n\r\n${body}\r\n`);

describe('storing inbound messages', () => {
	it('stores a message once per Message-ID', () => {
		const a = store({ raw: msg('<one@example.org>'), via: 'smtp', envelopeFrom: 'a@example.org', recipients: ['reply+x@reply.localhost'] }, T0);
		expect(a.duplicate).toBe(false);
		const b = store({ raw: msg('<one@example.org>', 'different body'), via: 'imap' }, T0 + 1);
		expect(b).toEqual({ id: a.id, duplicate: true });
		expect(byId(a.id)).toMatchObject({ messageId: '<one@example.org>', via: 'smtp', outcome: 'pending', envelopeFrom: 'a@example.org', recipients: ['reply+x@reply.localhost'] });
		expect(byId(a.id)!.raw!.toString()).toContain('Hello');
	});

	it('uses a hash of the message when it has no Message-ID', () => {
		expect(messageIdOf(msg(null))).toMatch(/^<sha256-[0-9a-f]{64}@no-message-id>$/);
		expect(messageIdOf(msg(null))).toBe(messageIdOf(msg(null)));
		expect(messageIdOf(msg(null, 'other'))).not.toBe(messageIdOf(msg(null)));
		expect(messageIdOf(msg('<folded@example.org>'))).toBe('<folded@example.org>');
		expect(messageIdOf(Buffer.from('garbage without headers'))).toMatch(/^<sha256-/);
	});

	it('lists pending messages, records outcomes once, and filters by outcome', () => {
		const { id } = store({ raw: msg('<two@example.org>'), via: 'webhook' }, T0);
		expect(pending(1000).map((m) => m.id)).toContain(id);
		expect(finish(id, { outcome: 'rejected', fromAddress: 'a@example.org', reason: 'unknown address', notifiedAt: T0 }, T0)).toBe(true);
		expect(finish(id, { outcome: 'posted' }, T0)).toBe(false);
		expect(pending(1000).map((m) => m.id)).not.toContain(id);
		expect(recent({ outcome: 'rejected' }).map((r) => r.id)).toContain(id);
		expect(recent({ outcome: 'posted' }).map((r) => r.id)).not.toContain(id);
		expect(outcomeCounts().rejected).toBeGreaterThanOrEqual(1);
		expect(notifiedRecently('A@example.org', T0 + 1000)).toBe(true);
		expect(notifiedRecently('a@example.org', T0 + 2 * 60 * 60 * 1000)).toBe(false);
	});

	it('empties raw messages after the retention period, keeping the record', () => {
		const { id } = store({ raw: msg('<old@example.org>'), via: 'smtp' }, T0);
		const { id: young } = store({ raw: msg('<young@example.org>'), via: 'smtp' }, T0 + 29 * 86_400_000);
		expect(purgeRaw(30, T0 + 31 * 86_400_000)).toBeGreaterThanOrEqual(1);
		expect(byId(id)!.raw).toBeNull();
		expect(byId(id)!.messageId).toBe('<old@example.org>');
		expect(byId(young)!.raw).not.toBeNull();
	});
});
