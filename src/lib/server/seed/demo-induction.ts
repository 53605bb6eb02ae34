/**
 * Demo data for "Your first 100 days": three new Lead Members in the North West at different
 * points of their path (so coordinator@example.org sees the list, a stalled path and a nudge),
 * written through the areas' own functions so that the steps that tick themselves do.
 * Their role start dates are counted back from the day the demo is made.
 */
import { eq } from 'drizzle-orm';
import { member } from '../db/schema';
import * as members from '../network/members';
import * as requests from '../mentoring/requests';
import * as entries from '../training/entries';
import * as handover from '../succession/handover';
import * as paths from '../induction/paths';
import * as introductions from '../induction/introductions';
import * as coordination from '../induction/coordination';
import { isoDate } from '../../time';
import type { DemoContext } from './context';

const DAY = 86_400_000;

const NEWCOMERS = [
	{
		email: 'rachel.okonjo@example.org',
		name: 'Rachel Okonjo',
		authority: 'Cumberland',
		party: 'Labour',
		daysInRole: 12,
		background: 'Primary school teacher for fifteen years; chair of governors.',
		expertise: ['education']
	},
	{
		email: 'owen.pritchard@example.org',
		name: 'Owen Pritchard',
		authority: 'Blackpool',
		party: 'Conservative',
		daysInRole: 45,
		background: 'Ran a family hotel on the promenade; councillor since 2019.',
		expertise: ['budgets']
	},
	{
		email: 'sally.fenwick@example.org',
		name: 'Sally Fenwick',
		authority: 'Warrington',
		party: 'Liberal Democrat',
		daysInRole: 70,
		background: 'Former health visitor.',
		expertise: ['early-help', 'health-partnerships']
	}
] as const;

export function seedInduction(ctx: DemoContext): void {
	const { db, now } = ctx;
	const passwordHash = db.select({ h: member.passwordHash }).from(member).where(eq(member.id, ctx.memberId('member@example.org'))).get()?.h ?? null;
	const made = NEWCOMERS.map((n) => {
		const joined = now - (n.daysInRole - 2) * DAY;
		const m = members.create(
			{ email: n.email, name: n.name, passwordHash, authorityId: ctx.authorityId(n.authority), position: 'lead-member', party: n.party, inRoleSince: isoDate(now - n.daysInRole * DAY), background: n.background, expertise: [...n.expertise] },
			joined
		);
		members.touchSignIn(m.id, n.daysInRole > 60 ? now - 30 * DAY : now - DAY);
		return { ...n, id: m.id, actor: members.actorById(m.id)!, joined };
	});
	const [rachel, owen, sally] = made;

	// Owen, six weeks in: introduced himself (starting the region's introductions thread), asked for a mentor, logged his induction.
	introductions.post(
		owen.actor,
		'Hello everyone. I am Owen Pritchard, Lead Member at Blackpool since the start of the autumn.\n\nBefore this I ran a family hotel on the promenade, so budgets I know; children’s social care I am learning fast. What I would most like to hear about: how you hold your first corporate parenting panel, and how you read the high-needs block.',
		false,
		owen.joined + 3 * DAY
	);
	requests.submit(owen.actor, { goals: 'I am new as Lead Member at Blackpool. I would like help with corporate parenting and getting ready for an inspection.', focusTopics: ['corporate-parenting', 'inspection'], regionPref: 'any', partyPref: 'any', kindPref: 'similar', meetingModes: ['online', 'in-person'] }, owen.joined + 4 * DAY);
	entries.addEntry(owen.actor, { startDate: isoDate(owen.joined + 9 * DAY), title: 'Blackpool Council member induction: children’s services', provider: 'Blackpool Council', kind: 'induction', topics: ['corporate-parenting', 'safeguarding'], hours: '3' }, owen.joined + 10 * DAY);
	handover.open(owen.actor, owen.actor.authorityId, owen.joined + 2 * DAY);
	paths.tick(owen.actor, owen.id, 'meet-dcs', 'We meet every other Monday at 8.30. She wants early warning of anything going to the press.', owen.joined + DAY);
	paths.tick(owen.actor, owen.id, 'set-digest', '', owen.joined + 5 * DAY);
	paths.tick(owen.actor, owen.id, 'children-in-care-council', 'Went to the October meeting. Ask about the bus passes again in January.', owen.joined + 35 * DAY);
	paths.notRelevant(owen.actor, owen.id, 'budget', 'I chaired the budget scrutiny panel for three years before this.', owen.joined + 6 * DAY);

	// Rachel, twelve days in: met her Director and opened the handover pack; waiting for a mentor.
	paths.tick(rachel.actor, rachel.id, 'meet-dcs', '', rachel.joined + DAY);
	handover.open(rachel.actor, rachel.actor.authorityId, rachel.joined + 2 * DAY);
	requests.submit(rachel.actor, { goals: 'I became Lead Member at Cumberland this month. I would like help with the safeguarding partnership and working with scrutiny.', focusTopics: ['safeguarding', 'scrutiny'], regionPref: 'same', partyPref: 'any', kindPref: 'any', meetingModes: ['online'] }, rachel.joined + 3 * DAY);

	// Sally, ten weeks in: one step in her first week, nothing since (a stalled path), and a nudge from her coordinator.
	paths.tick(sally.actor, sally.id, 'set-digest', '', sally.joined + 3 * DAY);
	const coordinator = members.actorById(ctx.memberId('coordinator@example.org'))!;
	coordination.nudge(coordinator, sally.id, 'Dear Sally,\n\nI hope Warrington is treating you well. When you have a moment, the handover pack your predecessor left is a good place to start, and I would be glad to find you a mentor.\n\nBest wishes,\nBernadette', {}, now - 2 * DAY);
}
