import { describe, expect, it } from 'vitest';
import { makeMember } from '../../../../tests/support/members';
import * as preferences from '../mail/preferences';
import { createToken, DIGEST_LIST, REGIONAL_DIGEST_LIST } from '../mail/unsubscribe';
import { inspect, unsubscribe } from './unsubscribe';

describe('unsubscribing', () => {
	it('turns off the personal digest, regional digests or one notification, idempotently', () => {
		const m = makeMember();
		expect(inspect(createToken(m.id, DIGEST_LIST))).toMatchObject({ subscribed: true });
		expect(unsubscribe(createToken(m.id, DIGEST_LIST))).toMatchObject({ ok: true, changed: true });
		expect(preferences.get(m.id).digestFrequency).toBe('never');
		expect(unsubscribe(createToken(m.id, DIGEST_LIST))).toMatchObject({ ok: true, changed: false });
		expect(inspect(createToken(m.id, DIGEST_LIST))).toMatchObject({ subscribed: false });

		unsubscribe(createToken(m.id, REGIONAL_DIGEST_LIST));
		expect(preferences.get(m.id).regionalDigest).toBe(false);

		unsubscribe(createToken(m.id, 'mention'));
		expect(preferences.get(m.id).notifications.mention).toBe('off');
		expect(preferences.get(m.id).notifications.answer).toBe('immediately');
	});

	it('refuses unknown lists, unknown members and tampered tokens', () => {
		const m = makeMember();
		expect(unsubscribe(createToken(m.id, 'no-such-list')).ok).toBe(false);
		expect(unsubscribe(createToken(999_999, DIGEST_LIST)).ok).toBe(false);
		expect(unsubscribe(createToken(m.id, DIGEST_LIST) + 'x').ok).toBe(false);
		expect(inspect('garbage')).toBeNull();
		expect(preferences.get(m.id).digestFrequency).toBe('weekly');
	});
});
