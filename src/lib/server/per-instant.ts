/**
 * Remembers results computed for one instant. A run of personal digests builds 20,000 digests
 * with the same `now`: figures shared by many members (an authority's checklist summary, a
 * region's upcoming events) are computed once per run. A call with any other `now` (every live
 * page uses its own) starts afresh, so nothing is ever served stale beyond that instant.
 */
export function perInstant<R>(): (now: number, key: string, compute: () => R) => R {
	let at = Number.NaN;
	let cache = new Map<string, R>();
	return (now, key, compute) => {
		if (now !== at) {
			at = now;
			cache = new Map();
		}
		if (!cache.has(key)) cache.set(key, compute());
		return cache.get(key)!;
	};
}
