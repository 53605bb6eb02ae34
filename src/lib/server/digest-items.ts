/**
 * The shapes every area's digest part takes (ARCHITECTURE rule 2). They live here, outside
 * `digests/`, so that an area can describe its part without importing the digest builder: the
 * arrow runs only digests → areas. Each area exports, from
 * `$lib/server/<area>/digest.ts`:
 *   - `digestSection(recipient, since, now): DigestSection | null` — what is new for this member since T
 *     (the home page "your week" shows the same thing);
 *   - `regionalDigestGroups(regionId, since, now): DigestGroup[]` — suggestions for a coordinator's regional digest.
 * An area that is not finished simply returns null / [].
 */

/** One line in a digest: words, a link, an optional note; `links` under it (documents attached to the post it is about). */
export type DigestItem = { text: string; href: string; note?: string; links?: { text: string; href: string; note?: string }[] };

export type DigestGroup = {
	/** e.g. "Replies in threads you follow" */
	title: string;
	items: DigestItem[];
	/** How many more there are beyond `items` ("and 12 more"). */
	more?: number;
	moreHref?: string;
};

export type DigestSection = {
	area: 'discussions' | 'mentoring' | 'training' | 'succession' | 'library' | 'induction';
	title: string;
	groups: DigestGroup[];
	/** True when something here is new since `since`. Standing information alone (a score, a countdown) is not new. */
	hasNew: boolean;
};

/** Who a digest is for. */
export type DigestRecipient = {
	id: number;
	name: string;
	email: string;
	authorityId: number;
	regionId: string;
	role: 'member' | 'coordinator' | 'admin';
	coordinatorRegionId: string | null;
	expertise: string[];
	/** When they joined (epoch ms), when the caller has it to hand: saves an area looking the member up again. */
	createdAt?: number;
};
