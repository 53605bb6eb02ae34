// Which members the training aggregates count: active ones only (the network says who they
// are), however many there are in a region.
import { describe, expect, it } from 'vitest';
import { makeMember } from '../../../../tests/support/members';
import * as members from '../network/members';
import * as entries from './entries';
import { nationalOverview, regionAggregates } from './aggregates';
import { NOW } from '../../../../tests/support/training';

function log(actor: Parameters<typeof entries.addEntry>[0], kind: string, topics: string[], hours: string) {
	const r = entries.addEntry(actor, { startDate: '2026-10-01', title: 'Entry', kind, topics, hours }, NOW);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
}

describe('members the aggregates count', () => {
	const admin = makeMember({ role: 'admin', authority: 'Camden' });
	// South West: a region no other test in this file writes to.
	const stays = makeMember({ authority: 'Cornwall' });
	const leaves = makeMember({ authority: 'Cornwall' });
	log(stays.actor, 'regional-network', ['send'], '2');
	log(leaves.actor, 'induction', ['inspection'], '3');
	members.setActive(admin.actor, leaves.id, false);

	it('leaves out deactivated members, their entries and their topics', () => {
		const r = regionAggregates(admin.actor, 'south-west', NOW);
		expect(r).toMatchObject({ members: 1, membersLogging: 1, entries: 1, hours: 2 });
		expect(r.byKind.find((k) => k.key === 'induction')).toMatchObject({ entries: 0, hours: 0 });
		expect(Object.fromEntries(r.coreTopics.map((t) => [t.topic, t.members]))).toMatchObject({ send: 1, inspection: 0 });
		expect(r.authorities.find((a) => a.name === 'Cornwall')).toMatchObject({ members: 1, membersLogging: 1, hours: 2, coreTopicsCovered: 1 });
		expect(nationalOverview(admin.actor, NOW).regions.find((x) => x.id === 'south-west')).toMatchObject({ members: 1, membersLogging: 1, entries: 1, hours: 2 });
	});

	it('counts every member of a large region', () => {
		// East of England: more members than one statement takes ids.
		const many = Array.from({ length: 1_050 }, (_, i) => makeMember({ name: `Essex ${i}`, authority: 'Essex' }));
		for (const m of many.filter((_, i) => i % 2 === 0)) log(m.actor, 'informal', ['corporate-parenting'], '1');
		const r = regionAggregates(admin.actor, 'east-of-england', NOW);
		expect(r).toMatchObject({ members: 1_050, membersLogging: 525, entries: 525, hours: 525 });
		expect(r.coreTopics.find((t) => t.topic === 'corporate-parenting')?.members).toBe(525);
		expect(r.authorities.find((a) => a.name === 'Essex')).toMatchObject({ members: 1_050, membersLogging: 525, hours: 525 });
		expect(nationalOverview(admin.actor, NOW).regions.find((x) => x.id === 'east-of-england')).toMatchObject({ members: 1_050, membersLogging: 525, entries: 525 });
	});
});
