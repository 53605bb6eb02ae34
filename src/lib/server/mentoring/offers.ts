/** Offers to mentor: capacity, expertise, availability, the regions a mentor will mentor in. */
import { eq, sql } from 'drizzle-orm';
import { db, prepared } from '../db/client';
import { mentorOffer, type MentorOffer } from '../db/schema';
import { authorize, type Actor } from '../auth/policy';
import { mentorLoad, person } from './store';
import type { OfferForm } from './schemas';

const offerQuery = prepared(() => db.select().from(mentorOffer).where(eq(mentorOffer.memberId, sql.placeholder('memberId'))).prepare());

/** The actor's offer with their current number of mentees, or null when they have not offered. */
export function mine(actor: Actor): (MentorOffer & { load: number }) | null {
	authorize(actor, 'mentoring.offer', {});
	const row = offerQuery().get({ memberId: actor.id });
	return row ? { ...row, load: mentorLoad(actor.id) } : null;
}

/** What the offer form starts with: the saved offer, or sensible defaults from the profile. */
export function formDefaults(actor: Actor) {
	const offer = mine(actor);
	if (offer) {
		return {
			capacity: String(offer.capacity),
			expertise: offer.expertise,
			availability: offer.availability,
			regionScope: offer.regionScope,
			meetingModes: offer.meetingModes,
			open: offer.open ? 'yes' : 'no'
		};
	}
	return { capacity: '', expertise: person(actor.id)?.expertise ?? [], availability: '', regionScope: 'both', meetingModes: [], open: 'yes' };
}

/** Creates or updates the actor's offer. Lowering capacity below the current load is allowed: no one new is proposed until there is room. */
export function save(actor: Actor, input: OfferForm, now = Date.now()): MentorOffer {
	authorize(actor, 'mentoring.offer', {});
	const values = {
		capacity: input.capacity,
		expertise: [...new Set(input.expertise)],
		availability: input.availability,
		regionScope: input.regionScope,
		meetingModes: [...new Set(input.meetingModes)],
		open: input.open,
		updatedAt: now
	};
	return db
		.insert(mentorOffer)
		.values({ memberId: actor.id, ...values, createdAt: now })
		.onConflictDoUpdate({ target: mentorOffer.memberId, set: values })
		.returning()
		.get();
}

/** Stops (or restarts) taking on new mentees without changing the rest of the offer. */
export function setOpen(actor: Actor, open: boolean, now = Date.now()): boolean {
	authorize(actor, 'mentoring.offer', {});
	return db.update(mentorOffer).set({ open, updatedAt: now }).where(eq(mentorOffer.memberId, actor.id)).run().changes > 0;
}
