import { describe, expect, it } from 'vitest';
import { immediate } from '../db/client';
import { makeMember } from '../../../../tests/support/members';
import * as preferences from './preferences';

describe('preferences.allYielding: every member, read in pages with turns of the event loop between', () => {
	it('gives what many() gives, over more than one page, defaults for a member with no row', async () => {
		const ids = immediate(() => Array.from({ length: 2_100 }, () => makeMember().id));
		immediate(() => ids.forEach((id, k) => k % 3 !== 0 && preferences.update(id, { digestHour: k % 24, digestFrequency: k % 2 ? 'daily' : 'weekly' })));
		let turns = 0;
		let counting = true;
		const tick = () => {
			if (!counting) return;
			turns++;
			setImmediate(tick);
		};
		setImmediate(tick);
		const all = await preferences.allYielding();
		counting = false;
		const many = preferences.many();
		for (const id of ids) expect(all(id)).toEqual(many(id));
		expect(all(ids[0])).toEqual(preferences.defaults(ids[0])); // k = 0: no row written
		expect(all(ids[1]).digestHour).toBe(1);
		expect(turns).toBeGreaterThanOrEqual(1); // 1,400 rows, two pages: the loop turned between them
	});
});
