/**
 * The pages measured, signed in as the member each page is for, and the check that each URL
 * really is that page (200, not a redirect to sign-in, with the content it should have)
 * before any load is put on it.
 */
import type { Manifest } from './prepare';
import type { Facts } from './sessions-child';

export type PageSpec = {
	key: string;
	label: string;
	path: string;
	/** Whose session the requests carry. */
	as: string;
	/**
	 * p99 target in ms, and the shares of the ceiling's and the floor's requests/second to reach
	 * (if any). Every page also has issue 19's targets (report.ts): no request over 1 s, p99.9
	 * under 5 × the median.
	 */
	target: { p99Ms: number; ceilingShare?: number; floorShare?: number };
	/** Null when the HTML is the expected page; else what is wrong. */
	check: (html: string) => string | null;
	/** Notes on the data (e.g. a stand-in network smaller than the contract). */
	notes: string[];
};

const PAGE_SIZE = 20;

/** The text of HTML with the entities Svelte writes decoded, for comparing with names and titles. */
export function decode(html: string): string {
	return html
		.replace(/&#(\d+);/g, (_m, n) => String.fromCodePoint(Number(n)))
		.replace(/&#x([0-9a-f]+);/gi, (_m, n) => String.fromCodePoint(parseInt(n, 16)))
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&nbsp;/g, '\u00a0')
		.replace(/&amp;/g, '&');
}

const count = (html: string, re: RegExp) => html.match(re)?.length ?? 0;
const title = (html: string) => decode(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '');

export function pageSpecs(m: Manifest, f: Facts): PageSpec[] {
	const twenty = f.threads.twentyPost;
	const long = f.threads.long;
	const lastPage = Math.ceil(m.threads.longPosts / PAGE_SIZE);
	const a = m.accounts;
	const search = (word: string) => (html: string) => {
		if (!html.includes('id="results-heading"')) return 'no results section';
		const hits = count(html, /class="search-results__title[\s"]/g);
		return hits > 0 ? null : `no results for "${word}"`;
	};
	const specs: PageSpec[] = [
		{
			key: 'thread-list',
			label: 'Thread list',
			path: '/threads',
			as: a.member,
			target: { p99Ms: 100, floorShare: 0.5 },
			check: (html) => {
				if (!/<h1[^>]*>[^<]+<\/h1>/.test(html)) return 'no heading';
				const links = count(html, /href="\/threads\/\d+/g);
				return links >= 10 ? null : `only ${links} thread links`;
			},
			notes: []
		},
		{
			key: 'thread-20',
			label: '20-post thread',
			path: `/threads/${twenty.id}`,
			as: a.member,
			target: { p99Ms: 50, ceilingShare: 0.15, floorShare: 0.5 },
			check: (html) => {
				if (!title(html).startsWith(twenty.title)) return `title is "${title(html)}", expected the thread "${twenty.title}"`;
				const posts = count(html, /id="post-\d+"/g);
				const want = Math.min(PAGE_SIZE, twenty.postCount);
				return posts === want ? null : `${posts} posts shown, expected ${want}`;
			},
			notes: twenty.postCount === 20 ? [] : [`thread ${twenty.id} has ${twenty.postCount} posts, not 20 (stand-in network?)`]
		},
		{
			key: 'thread-long-last',
			label: `Long thread, last page (${lastPage})`,
			path: `/threads/${long.id}?page=${lastPage}`,
			as: a.member,
			target: { p99Ms: 100 },
			check: (html) => {
				const t = title(html);
				if (!t.startsWith(long.title)) return `title is "${t}", expected the thread "${long.title}"`;
				if (lastPage > 1 && !t.includes(`page ${lastPage} of ${lastPage}`)) return `title "${t}" is not page ${lastPage} of ${lastPage}`;
				return html.includes(`id="post-${m.threads.longPosts}"`) ? null : `post ${m.threads.longPosts} is not on the page`;
			},
			notes: long.postCount === m.threads.longPosts ? [] : [`the database says thread ${long.id} has ${long.postCount} posts, the manifest ${m.threads.longPosts}`]
		},
		{
			key: 'search-common',
			label: `Search "${m.words.common}" (common)`,
			path: `/threads/search?q=${encodeURIComponent(m.words.common)}`,
			as: a.member,
			target: { p99Ms: 100 },
			check: search(m.words.common),
			notes: []
		},
		{
			key: 'search-rare',
			label: `Search "${m.words.rare}" (rare)`,
			path: `/threads/search?q=${encodeURIComponent(m.words.rare)}`,
			as: a.member,
			target: { p99Ms: 100 },
			check: search(m.words.rare),
			notes: []
		},
		{
			key: 'mentor-dashboard',
			label: 'Mentor dashboard',
			path: '/mentoring',
			as: a.mentor,
			target: { p99Ms: 100 },
			check: (html) => {
				if (!/<h1[^>]*>Mentoring<\/h1>/.test(html)) return 'not the mentoring page';
				if (f.mentees.length === 0) return `${a.mentor} has no active mentees`;
				const text = decode(html);
				const missing = f.mentees.filter((n) => !text.includes(n));
				return missing.length ? `mentees not shown: ${missing.join(', ')}` : null;
			},
			notes: f.mentees.length === 3 ? [] : [`the mentor has ${f.mentees.length} active mentees`]
		},
		{
			key: 'region-table',
			label: `Region table (${f.region.name})`,
			path: `/succession/regions/${a.coordinatorRegion}`,
			as: a.coordinator,
			target: { p99Ms: 100 },
			check: (html) => {
				const text = decode(html);
				if (!new RegExp(`<h1[^>]*>${f.region.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: succession at a glance</h1>`).test(text)) return 'not the region table';
				const missing = f.region.authorities.filter((n) => !text.includes(n));
				return missing.length ? `authorities missing: ${missing.slice(0, 5).join(', ')}` : null;
			},
			notes: []
		},
		{
			key: 'mentoring-coordinate',
			label: 'Mentoring coordination',
			path: '/mentoring/coordinate',
			as: a.coordinator,
			target: { p99Ms: 100 },
			check: (html) => (/<h1[^>]*>Mentoring in /.test(html) ? null : 'not the coordination page'),
			notes: []
		},
		{
			key: 'home',
			label: 'Home ("Your week")',
			path: '/',
			as: a.member,
			target: { p99Ms: 100 },
			check: (html) => (/<h1[^>]*>Your week<\/h1>/.test(html) ? null : 'not the "Your week" page'),
			notes: []
		},
		{
			key: 'members',
			label: "Members' directory",
			path: '/members',
			as: a.member,
			target: { p99Ms: 100 },
			check: (html) => {
				if (!/<h1[^>]*>Members<\/h1>/.test(html)) return 'not the members directory';
				const people = count(html, /class="member__name[\s"]/g);
				return people >= 10 ? null : `only ${people} members listed`;
			},
			notes: []
		},
		...librarySpecs(m),
		// A network built before issue 16 has no new member with a path: rebuild it (seed:large --force) to measure these.
		...(a.newMember ? inductionSpecs(a.newMember, a.coordinator, f.region.name) : [])
	];
	return specs;
}

/** The library's list and its search (issue 15), as a member of the large network sees them. */
function librarySpecs(m: Manifest): PageSpec[] {
	const word = m.library?.searchWord ?? m.words.common;
	const notes = m.library ? [] : ['this network was built before the library was seeded: rebuild it (npm run seed:large -- --data-dir … --force)'];
	return [
		{
			key: 'library',
			label: 'Library',
			path: '/library',
			as: m.accounts.member,
			target: { p99Ms: 100 },
			check: (html) => {
				if (!/<h1[^>]*>Good-practice library<\/h1>/.test(html)) return 'not the library page';
				const entries = count(html, /class="entry-title[^"]*"><a href="\/library\/\d+"/g);
				return entries >= 10 ? null : `only ${entries} entries listed`;
			},
			notes
		},
		{
			key: 'library-search',
			label: `Library search "${word}"`,
			path: `/library/search?q=${encodeURIComponent(word)}`,
			as: m.accounts.member,
			target: { p99Ms: 100 },
			check: (html) => {
				if (!html.includes('id="results-heading"')) return 'no results section';
				const hits = count(html, /class="search-results__title[\s"]/g);
				return hits >= 10 ? null : `only ${hits} results for "${word}"`;
			},
			notes
		}
	];
}

/** "Your first 100 days": a new member's home page, and the coordinator's list of the region's new members. */
function inductionSpecs(newMember: string, coordinator: string, regionName: string): PageSpec[] {
	return [
		{
			key: 'new-member-home',
			label: 'New member’s home page',
			path: '/',
			as: newMember,
			target: { p99Ms: 100 },
			check: (html) => (/<h2[^>]*>Your first 100 days<\/h2>/.test(html) ? null : 'no "Your first 100 days" block'),
			notes: []
		},
		{
			key: 'induction-region',
			label: `New Lead Members (${regionName})`,
			path: '/induction/region',
			as: coordinator,
			target: { p99Ms: 100 },
			check: (html) => {
				if (!/<h1[^>]*>New Lead Members in the /.test(html)) return 'not the new members page';
				const rows = count(html, /href="\/induction\/members\/\d+"/g);
				return rows >= 10 ? null : `only ${rows} new members listed`;
			},
			notes: []
		}
	];
}

export type Checked = { status: number; bytes: number; headers: Headers; ms: number };

/** Fetches a page once as its member; throws (loudly) unless it is the expected page. */
export async function checkPage(origin: string, spec: PageSpec, token: string): Promise<Checked> {
	const t = performance.now();
	const r = await fetch(origin + spec.path, { headers: { cookie: `session=${token}` }, redirect: 'manual' });
	const body = await r.text();
	const ms = performance.now() - t;
	if (r.status !== 200) {
		const where = r.headers.get('location');
		throw new Error(`${spec.label} (${spec.path}) answered ${r.status}${where ? ` → ${where}` : ''}, expected 200 with the page`);
	}
	const problem = spec.check(body);
	if (problem) throw new Error(`${spec.label} (${spec.path}) is not the expected page: ${problem}`);
	return { status: r.status, bytes: Buffer.byteLength(body), headers: r.headers, ms };
}
