import { describe, expect, it } from 'vitest';
import { makeMember } from '../../../../tests/support/members';
import { askAddress, keyOf, replyAddress, resolveAddress, revokeKeys } from './reply-keys';
import { config } from '../config';

describe('reply addresses', () => {
	it('round-trip member and target for threads, pairings, proposals and held posts', () => {
		const m = makeMember();
		for (const kind of ['thread', 'pairing', 'proposal', 'held'] as const) {
			const a = replyAddress(m.id, { kind, id: 1234 });
			expect(a).toMatch(new RegExp(`^reply\\+[a-z0-9-]+@${config().inbound.domain.replace(/\./g, '\\.')}$`));
			expect(resolveAddress(a)).toEqual({ memberId: m.id, kind, id: 1234 });
		}
	});

	it('round-trip ask addresses, national and regional', () => {
		const m = makeMember();
		const national = askAddress(m.id);
		expect(national.startsWith('ask+')).toBe(true);
		expect(resolveAddress(national)).toEqual({ memberId: m.id, kind: 'ask' });
		const regional = askAddress(m.id, 'yorkshire-humber');
		expect(resolveAddress(regional)).toEqual({ memberId: m.id, kind: 'ask', regionSlug: 'yorkshire-humber' });
		// Every local part fits the 64 characters RFC 5321 allows.
		expect(regional.split('@')[0].length).toBeLessThanOrEqual(64);
		expect(replyAddress(999_999_999, { kind: 'proposal', id: 999_999_999 }).split('@')[0].length).toBeLessThanOrEqual(64);
	});

	it('carry at least 128 bits of mac and survive mail systems that change case, brackets or the mailbox name', () => {
		const m = makeMember();
		const a = replyAddress(m.id, { kind: 'thread', id: 7 });
		const mac = keyOf(a)!.split('-').at(-1)!;
		expect(mac).toMatch(/^[a-z2-7]{26}$/); // 26 × 5 bits = 130 ≥ 128
		expect(resolveAddress(a.toUpperCase())).toEqual({ memberId: m.id, kind: 'thread', id: 7 });
		expect(resolveAddress(`<${a}>`)).toEqual({ memberId: m.id, kind: 'thread', id: 7 });
		expect(resolveAddress(a.replace(/^reply\+/, 'lmn-replies+').replace(/@.*$/, '@council.gov.uk'))).toEqual({ memberId: m.id, kind: 'thread', id: 7 });
	});

	it('refuse tampering: another member, another target, another kind, a changed mac, nonsense', () => {
		const m = makeMember();
		const other = makeMember();
		const a = replyAddress(m.id, { kind: 'thread', id: 7 });
		const key = keyOf(a)!;
		const [head, id, mac] = key.split('-');
		const swap = (k: string) => `reply+${k}@${config().inbound.domain}`;
		expect(resolveAddress(swap(`t${other.id.toString(36)}-${id}-${mac}`))).toBeNull();
		expect(resolveAddress(swap(`${head}-${(8).toString(36)}-${mac}`))).toBeNull();
		expect(resolveAddress(swap(`p${head.slice(1)}-${id}-${mac}`))).toBeNull();
		expect(resolveAddress(swap(`${head}-${id}-${mac.slice(0, -1)}${mac.endsWith('a') ? 'b' : 'a'}`))).toBeNull();
		expect(resolveAddress(swap(`${head}-${id}-${mac.slice(0, -1)}`))).toBeNull();
		// Every other last character, including those that differ only in the bits beyond the mac's
		// 16 bytes (they decode to the same bytes), is refused.
		for (const c of 'abcdefghijklmnopqrstuvwxyz234567'.replace(mac.at(-1)!, ''))
			expect(resolveAddress(swap(`${head}-${id}-${mac.slice(0, -1)}${c}`)), `last character ${c}`).toBeNull();
		expect(resolveAddress(swap(`${head}-0${id}-${mac}`))).toBeNull();
		for (const bad of ['', 'reply@reply.localhost', 'reply+@x', 'reply+t1-1-@x', 'a+b+c@d', '+'.repeat(300), 'reply+t0-1-aaaaaaaaaaaaaaaaaaaaaaaaaa@x', 'reply+x1-1-aaaaaaaaaaaaaaaaaaaaaaaaaa@x'])
			expect(resolveAddress(bad)).toBeNull();
		// Another member's ask address cannot be re-aimed at a region.
		const ask = keyOf(askAddress(m.id))!;
		expect(resolveAddress(swap(ask.replace('-n-', '-london-')))).toBeNull();
	});

	it('stop working for a member whose keys are revoked; new ones work', () => {
		const m = makeMember();
		const other = makeMember();
		const old = replyAddress(m.id, { kind: 'thread', id: 3 });
		const oldAsk = askAddress(m.id);
		const kept = replyAddress(other.id, { kind: 'thread', id: 3 });
		revokeKeys(m.id);
		expect(resolveAddress(old)).toBeNull();
		expect(resolveAddress(oldAsk)).toBeNull();
		expect(resolveAddress(kept)).not.toBeNull();
		const fresh = replyAddress(m.id, { kind: 'thread', id: 3 });
		expect(fresh).not.toBe(old);
		expect(resolveAddress(fresh)).toEqual({ memberId: m.id, kind: 'thread', id: 3 });
		revokeKeys(m.id);
		expect(resolveAddress(fresh)).toBeNull();
	});

	it('refuse bad arguments rather than make an unusable address', () => {
		expect(() => replyAddress(0, { kind: 'thread', id: 1 })).toThrow();
		expect(() => replyAddress(1, { kind: 'thread', id: -1 })).toThrow();
		expect(() => askAddress(1, 'Not A Region')).toThrow();
	});
});
