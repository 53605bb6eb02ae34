/** Small statistics helpers. */

/** The p-th percentile (nearest rank) of ascending values; NaN for none. */
export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
