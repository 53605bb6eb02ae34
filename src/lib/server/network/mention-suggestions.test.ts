import { describe, expect, it } from 'vitest';
import { makeMember } from '../../../../tests/support/members';
import * as members from './members';
import { LOOKUPS_PER_MINUTE, mentionSuggestions, parsePrefix } from './mention-suggestions';

const NOW = Date.UTC(2026, 10, 23, 9, 0, 0);

describe('mention suggestions', () => {
	it('match the start of a handle or of any word of a name, handles first, never the author', () => {
		const author = makeMember({ authority: 'Lancashire', name: 'Quentin Author' });
		const byHandle = makeMember({ authority: 'Cornwall', name: 'Quillon Fairweather' });
		const bySurname = makeMember({ authority: 'Leeds', name: 'Ada Quillfeather' });
		makeMember({ authority: 'Leeds', name: 'Nobody Relevant' });
		const r = mentionSuggestions(author.actor, 'quil', NOW);
		expect(r.limited).toBe(false);
		expect(r.members).toEqual([
			{ handle: byHandle.handle, name: 'Quillon Fairweather', authorityName: 'Cornwall' },
			{ handle: bySurname.handle, name: 'Ada Quillfeather', authorityName: 'Leeds' }
		]);
		expect(mentionSuggestions(author.actor, 'quentin', NOW).members).toEqual([]);
	});

	it('leave out deactivated members, as the directory does', () => {
		const author = makeMember({ authority: 'Lancashire' });
		const admin = makeMember({ role: 'admin', authority: 'Lancashire' });
		const gone = makeMember({ authority: 'Cornwall', name: 'Xanthe Departed' });
		expect(mentionSuggestions(author.actor, 'xanthe', NOW).members.map((m) => m.handle)).toEqual([gone.handle]);
		members.setActive(admin.actor, gone.id, false);
		expect(mentionSuggestions(author.actor, 'xanthe', NOW).members).toEqual([]);
	});

	it(`stop after ${LOOKUPS_PER_MINUTE} look-ups a minute from one member, and start again after it`, () => {
		const author = makeMember({ authority: 'Lancashire' });
		const other = makeMember({ authority: 'Lancashire' });
		const t = NOW + 3_600_000;
		for (let i = 0; i < LOOKUPS_PER_MINUTE; i++) expect(mentionSuggestions(author.actor, 'zz', t + i).limited).toBe(false);
		expect(mentionSuggestions(author.actor, 'zz', t + 100)).toEqual({ limited: true, members: [] });
		expect(mentionSuggestions(other.actor, 'zz', t + 100).limited).toBe(false);
		expect(mentionSuggestions(author.actor, 'zz', t + 61_000).limited).toBe(false);
	});

	it('take only what a handle or name can start with', () => {
		expect(parsePrefix('@Sar')).toBe('sar');
		expect(parsePrefix("o'brien")).toBe("o'brien");
		expect(parsePrefix('%')).toBeNull();
		expect(parsePrefix('a_b')).toBeNull();
		expect(parsePrefix('')).toBeNull();
		expect(parsePrefix(null)).toBeNull();
		expect(parsePrefix('x'.repeat(41))).toBeNull();
	});
});
