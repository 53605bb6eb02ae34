/** Helpers for the succession unit tests. */

/** The HTTP status a SvelteKit error thrown by `fn` carries: null when it returns, -1 for an error without one. */
export function status(fn: () => unknown): number | null {
	try {
		fn();
		return null;
	} catch (e) {
		return (e as { status?: number }).status ?? -1;
	}
}
