/** What the bench measures of a process's own event loop while the app's scheduled work runs in it. */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

/**
 * The longest the event loop was held while `work` ran: what a page served by the same process
 * (the scheduler runs in the web server) would have waited at worst. Measured two ways: the
 * event-loop delay histogram (10 ms resolution), and a timer every 5 ms noting how late it fires.
 */
export async function blocking<T>(work: () => Promise<T>): Promise<{ result: T; loop: { p99Ms: number; maxMs: number; longestGapMs: number; longestGcMs: number } }> {
	const h = monitorEventLoopDelay({ resolution: 10 });
	h.enable();
	// GC pauses over the same time, to tell a collection from the app's own work.
	let longestGc = 0;
	const gc = new PerformanceObserver((list) => {
		for (const e of list.getEntries()) longestGc = Math.max(longestGc, e.duration);
	});
	gc.observe({ entryTypes: ['gc'] });
	let last = performance.now();
	let longest = 0;
	const timer = setInterval(() => {
		const now = performance.now();
		longest = Math.max(longest, now - last);
		last = now;
	}, 5);
	try {
		const result = await work();
		return { result, loop: { p99Ms: h.percentile(99) / 1e6, maxMs: h.max / 1e6, longestGapMs: Math.max(longest, performance.now() - last), longestGcMs: longestGc } };
	} finally {
		gc.disconnect();
		clearInterval(timer);
		h.disable();
	}
}
