/**
 * The areas a digest reads (ARCHITECTURE rule 2): each gives one function for "what is new for
 * this member since T" and one for a regional digest's suggestions. Adding an area to digests
 * is one line here. An area that throws contributes nothing (logged), so one broken area never
 * stops every member's digest.
 */
import { log } from '../log';
import type { DigestGroup, DigestRecipient, DigestSection } from '../digest-items';
import * as discussions from '../discussions/digest';
import * as mentoring from '../mentoring/digest';
import * as training from '../training/digest';
import * as succession from '../succession/digest';
import * as library from '../library/digest';
import * as induction from '../induction/digest';

export type AreaDigest = {
	name: DigestSection['area'];
	digestSection: (recipient: DigestRecipient, since: number, now: number) => DigestSection | null;
	regionalDigestGroups: (regionId: string | null, since: number, now: number) => DigestGroup[];
};

/** The areas, in the order their sections appear when equally new. */
export const AREAS: readonly AreaDigest[] = [
	{ name: 'discussions', digestSection: discussions.digestSection, regionalDigestGroups: discussions.regionalDigestGroups },
	{ name: 'mentoring', digestSection: mentoring.digestSection, regionalDigestGroups: mentoring.regionalDigestGroups },
	{ name: 'training', digestSection: training.digestSection, regionalDigestGroups: training.regionalDigestGroups },
	{ name: 'succession', digestSection: succession.digestSection, regionalDigestGroups: succession.regionalDigestGroups },
	{ name: 'library', digestSection: library.digestSection, regionalDigestGroups: library.regionalDigestGroups },
	{ name: 'induction', digestSection: induction.digestSection, regionalDigestGroups: induction.regionalDigestGroups }
];

let override: readonly AreaDigest[] | null = null;

/** The areas digests read now. */
export function areas(): readonly AreaDigest[] {
	return override ?? AREAS;
}

/** Tests only: read these areas instead (null puts the real ones back). */
export function useAreasForTesting(list: readonly AreaDigest[] | null): void {
	override = list;
}

/** One area's section for a member; null when it has nothing, or when it fails (logged). */
export function sectionOf(area: AreaDigest, recipient: DigestRecipient, since: number, now: number): DigestSection | null {
	try {
		return area.digestSection(recipient, since, now);
	} catch (err) {
		log.error('digest section failed', { area: area.name, memberId: recipient.id, error: err instanceof Error ? err.stack : String(err) });
		return null;
	}
}

/** One area's regional suggestions; [] when it has none, or when it fails (logged). */
export function regionalGroupsOf(area: AreaDigest, regionId: string | null, since: number, now: number): DigestGroup[] {
	try {
		return area.regionalDigestGroups(regionId, since, now);
	} catch (err) {
		log.error('regional digest suggestions failed', { area: area.name, regionId, error: err instanceof Error ? err.stack : String(err) });
		return [];
	}
}
