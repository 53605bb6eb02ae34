import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../db/client';
import { mentorRequest, mentoringProposal } from '../db/schema';
import { makeMember } from '../../../../tests/support/members';
import { parseForm } from '../forms';
import * as offers from './offers';
import * as requests from './requests';
import * as coordination from './coordination';
import { offerSchema, requestSchema } from './schemas';
import { makeCoordinator, makeMentee, makeMentor, pairUp } from '../../../../tests/support/mentoring';

function form(entries: [string, string][]) {
	const fd = new FormData();
	for (const [k, v] of entries) fd.append(k, v);
	return fd;
}

const goodOffer: [string, string][] = [
	['capacity', '2'],
	['expertise', 'send'],
	['expertise', 'budgets'],
	['availability', 'Tuesday evenings'],
	['regionScope', 'both'],
	['meetingModes', 'online'],
	['open', 'yes']
];
const goodRequest: [string, string][] = [
	['goals', 'Understand the SEND system well enough to challenge it'],
	['focusTopics', 'send'],
	['regionPref', 'any'],
	['partyPref', 'cross'],
	['kindPref', 'similar'],
	['meetingModes', 'phone']
];
const without = (list: [string, string][], key: string) => list.filter(([k]) => k !== key);
const withValue = (list: [string, string][], key: string, value: string) => [...without(list, key), [key, value]] as [string, string][];

describe('offering to mentor', () => {
	const parse = (entries: [string, string][]) => parseForm(offerSchema, form(entries), { arrays: ['expertise', 'meetingModes'] });

	it('accepts a complete offer and saves it', () => {
		const p = parse(goodOffer);
		expect(p.ok).toBe(true);
		if (!p.ok) return;
		const m = makeMember();
		offers.save(m.actor, p.data);
		expect(offers.mine(m.actor)).toMatchObject({ capacity: 2, expertise: ['send', 'budgets'], open: true, load: 0 });
		offers.setOpen(m.actor, false);
		expect(offers.mine(m.actor)?.open).toBe(false);
	});

	it.each([
		['0', 'Choose between 1 and 3 mentees'],
		['4', 'Choose between 1 and 3 mentees'],
		['', 'Choose between 1 and 3 mentees'],
		['lots', 'Choose how many mentees you can take at once']
	])('refuses a capacity of %j', (capacity, message) => {
		const p = parse(withValue(goodOffer, 'capacity', capacity));
		expect(p.ok ? null : p.errors.capacity).toBe(message);
	});

	it('says what is missing', () => {
		const p = parse([]);
		expect(p.ok).toBe(false);
		if (p.ok) return;
		expect(p.errors).toMatchObject({
			expertise: 'Choose at least one topic you can help with',
			availability: 'Enter when you are usually available',
			regionScope: 'Choose which regions you will mentor in',
			meetingModes: 'Choose at least one way of meeting',
			open: 'Choose whether you are taking on new mentees now'
		});
	});
});

describe('asking for a mentor', () => {
	const parse = (entries: [string, string][]) => parseForm(requestSchema, form(entries), { arrays: ['focusTopics', 'meetingModes'] });

	it('says what is missing', () => {
		const p = parse([['goals', 'help']]);
		expect(p.ok).toBe(false);
		if (p.ok) return;
		expect(p.errors).toEqual({
			goals: 'Tell us what you would like help with, in at least 20 characters',
			focusTopics: 'Choose at least one focus topic',
			regionPref: 'Choose a region preference',
			partyPref: 'Choose a party preference',
			kindPref: 'Choose whether a similar kind of authority matters',
			meetingModes: 'Choose at least one way of meeting'
		});
	});

	it('refuses unknown topics', () => {
		const p = parse(withValue(goodRequest, 'focusTopics', 'astrology'));
		expect(p.ok ? null : p.errors.focusTopics).toBe('Choose topics from the list');
	});

	it('saves a request in the member’s region, and changes it while it is open', () => {
		const m = makeMember({ authority: 'Wirral' });
		const p = parse(goodRequest);
		if (!p.ok) throw new Error('invalid');
		const first = requests.submit(m.actor, p.data);
		expect(first).toMatchObject({ ok: true, created: true });
		const again = requests.submit(m.actor, { ...p.data, focusTopics: ['budgets'] });
		expect(again).toMatchObject({ ok: true, created: false });
		expect(requests.current(m.actor)).toMatchObject({ regionId: 'north-west', focusTopics: ['budgets'], status: 'open' });
	});

	it('refuses a change while a proposal waits, and a new request while the member has a mentor', () => {
		const coordinator = makeCoordinator();
		const mentor = makeMentor();
		const mentee = makeMentee();
		const input = { goals: 'x'.repeat(30), focusTopics: ['send' as const], regionPref: 'any' as const, partyPref: 'any' as const, kindPref: 'any' as const, meetingModes: ['online' as const] };
		const c = coordination.confirmOne(coordinator.actor, { requestId: mentee.requestId, mentorId: mentor.id });
		expect(c.ok).toBe(true);
		expect(requests.submit(mentee.actor, input)).toMatchObject({ ok: false, message: expect.stringMatching(/waiting for your answer/) });

		const other = makeMentee({ authority: 'Wigan' });
		pairUp(coordinator, makeMentor({ authority: 'Kent' }), other);
		expect(requests.submit(other.actor, input)).toEqual({ ok: false, message: 'You already have a mentor. Close your current mentoring before asking for another.' });
	});

	it('withdraws a request, and any proposal waiting on it', () => {
		const coordinator = makeCoordinator();
		const mentee = makeMentee();
		const c = coordination.confirmOne(coordinator.actor, { requestId: mentee.requestId, mentorId: makeMentor().id });
		if (!c.ok) throw new Error(c.message);
		expect(requests.withdraw(mentee.actor).ok).toBe(true);
		expect(db.select().from(mentorRequest).where(eq(mentorRequest.id, mentee.requestId)).get()?.status).toBe('withdrawn');
		expect(db.select().from(mentoringProposal).where(eq(mentoringProposal.id, c.proposalId)).get()?.status).toBe('withdrawn');
		expect(requests.withdraw(mentee.actor)).toEqual({ ok: false, message: 'You have no request for a mentor to withdraw.' });
	});
});
