/** The gaps page: core topics covered and not covered, with upcoming events that would fill a gap. */
import type { Actor } from '../auth/policy';
import { coverageFor } from './entries';
import { upcomingOnTopics } from './events';

/** Core topics over the last 24 months for the acting member, and upcoming events they can see on their gap topics. */
export function gapsPage(actor: Actor, now = Date.now()) {
	const cover = coverageFor(actor, now);
	const gapTopics = cover.topics.filter((t) => !t.covered).map((t) => t.topic);
	const events = upcomingOnTopics(actor, gapTopics, now, 30);
	return {
		...cover,
		topics: cover.topics.map((t) => ({
			...t,
			events: t.covered ? [] : events.filter((e) => e.topics.includes(t.topic)).slice(0, 3).map((e) => ({ id: e.id, title: e.title, startsAt: e.startsAt, regionName: e.regionName }))
		}))
	};
}
