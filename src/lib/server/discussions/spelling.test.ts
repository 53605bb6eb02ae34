import { describe, expect, it } from 'vitest';
import { makeMember } from '../../../../tests/support/members';
import { replyTo, startThread } from '../../../../tests/support/discussions';
import * as moderation from './moderation';
import * as posts from './posts';
import * as search from './search';
import { distance, fold, suggest } from './spelling';

describe('distance', () => {
	it('counts insertions, deletions, substitutions and swapped neighbours, and stops past the allowance', () => {
		expect(distance('framwork', 'framework', 2)).toBe(1);
		expect(distance('ofsetd', 'ofsted', 2)).toBe(1);
		expect(distance('fostering', 'fostering', 2)).toBe(0);
		expect(distance('kitten', 'sitting', 2)).toBe(3);
		expect(distance('a', 'abcdef', 2)).toBe(3);
		expect(fold('Ofsted Café')).toBe('ofsted cafe');
	});
});

describe('Did you mean …?', () => {
	it('suggests the nearest words members have written, as a whole query to run', () => {
		const author = makeMember({ authority: 'Cornwall' });
		startThread(author.actor, { title: 'Preparing for the Ofsted framework', body: 'The Ofsted framework asks Lead Members about their oversight of corporate parenting.' });
		const reader = makeMember({ authority: 'Devon' });

		const r = search.search(reader.actor, { q: 'ofsted framwork' });
		expect(r.results).toEqual([]);
		expect(r.suggestion).toEqual({ q: 'ofsted framework', words: ['framework'] });
		expect(search.search(reader.actor, { q: r.suggestion!.q }).results.length).toBeGreaterThan(0);
		// Quotes and OR stay where they were.
		expect(suggest(reader.actor, '"corprate parenting" OR ofsetd')?.q).toBe('"corporate parenting" OR ofsted');
		// Nothing to say for words that are there, or nothing near.
		expect(suggest(reader.actor, 'ofsted framework')).toBeNull();
		expect(suggest(reader.actor, 'xylophone')).toBeNull();
	});

	it('never offers a word only posts the member may not see hold: another region’s, hidden or deleted', () => {
		const yorkshire = makeMember({ authority: 'Leeds' });
		const northWest = makeMember({ authority: 'Lancashire' });
		startThread(yorkshire.actor, { title: 'Kirkstall residential home closure', regionId: 'yorkshire-humber', body: 'The Kirkstall closure is confidential until the cabinet meets.' });
		const open = startThread(northWest.actor, { title: 'Placement sufficiency strategies', body: 'How do you plan placement sufficiency?' });
		const hidden = replyTo(yorkshire.actor, open, 'Our Wetherby pilot worked well.');
		expect(moderation.hidePost(makeMember({ role: 'admin', authority: 'Leeds' }).actor, hidden.id, 'Named a home that is not public yet').ok).toBe(true);
		const deleted = replyTo(northWest.actor, open, 'Ask about Ormskirk later.');
		expect(posts.remove(northWest.actor, deleted.id).ok).toBe(true);

		// Seen from the North West: the Yorkshire thread, the hidden and the deleted posts lend no words.
		expect(search.search(northWest.actor, { q: 'kirkstal' }).suggestion).toBeNull();
		expect(suggest(northWest.actor, 'wetherbi')).toBeNull();
		expect(suggest(northWest.actor, 'ormskrik')).toBeNull();
		// From Yorkshire the region's own word is offered.
		expect(search.search(yorkshire.actor, { q: 'kirkstal' }).suggestion?.q).toBe('kirkstall');
	});

	it('offers a far more common neighbour for a rare word when the search found little', () => {
		const author = makeMember({ authority: 'Cornwall' });
		for (let i = 0; i < 5; i++) startThread(author.actor, { title: `Safeguarding partnership meeting ${i + 1}`, body: 'Notes from the safeguarding partnership.' });
		startThread(author.actor, { title: 'A typo in an old post', body: 'Our safegaurding lead retired.' });
		const reader = makeMember({ authority: 'Devon' });
		const r = search.search(reader.actor, { q: 'safegaurding' });
		expect(r.results).toHaveLength(1);
		expect(r.suggestion?.q).toBe('safeguarding');
		// Plenty found: no suggestion.
		expect(search.search(reader.actor, { q: 'safeguarding' }).suggestion).toBeNull();
	});
});
