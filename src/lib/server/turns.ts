/**
 * Short turns of the event loop, so a busy server still takes in new connections promptly
 * (issue 19).
 *
 * Node (libuv 1.45 and later, so every Node 20) accepts **one** new connection per turn of the
 * event loop. A turn runs the work of every request whose bytes arrived since the last one: at
 * 32 busy connections that is up to 32 pages of about 3 ms of CPU each, so a turn lasts 100 ms,
 * and several times that when other processes share the cores. A burst of new connections
 * (a browser opening a few, a proxy or a load generator reconnecting) then waits one turn per
 * connection, in a line: the 32nd is accepted seconds later, although no request took more than
 * a few hundred milliseconds inside the server. A bare `node:http` server doing the same CPU per
 * request does exactly the same (`scripts/bench`, README "Performance").
 *
 * So requests take turns: at most PER_TURN of them start in one turn; the others wait in
 * arrival order and start PER_TURN at a time at the end of each following turn (setImmediate),
 * each time after the loop has accepted a connection and read what arrived. Turns stay a few
 * milliseconds long, new connections are taken in within a few turns, and every request is
 * still served in the order it came; the total work is the same.
 */

/** Requests started per turn: each costs 1–10 ms of CPU, so a turn stays near 10 ms or under. */
export const PER_TURN = 2;

let started = 0;
let endScheduled = false;
const waiting: (() => void)[] = [];

function endOfTurn() {
	endScheduled = false;
	started = 0;
	while (started < PER_TURN && waiting.length > 0) {
		started++;
		waiting.shift()!();
	}
	// Queued from the check phase, this runs at the end of the next turn.
	if (started > 0) scheduleEnd();
}

function scheduleEnd() {
	if (endScheduled) return;
	endScheduled = true;
	setImmediate(endOfTurn);
}

/**
 * Resolves when the request may start: at once while fewer than PER_TURN started in this turn
 * and none are waiting, else at the end of a later turn, in arrival order.
 */
export function takeTurn(): Promise<void> | void {
	if (started < PER_TURN && waiting.length === 0) {
		started++;
		scheduleEnd();
		return;
	}
	scheduleEnd();
	return new Promise<void>((resolve) => waiting.push(resolve));
}

/** Requests waiting for a turn (for tests and diagnostics). */
export function waitingCount(): number {
	return waiting.length;
}

/*
 * The same idea for the scheduler's long runs in the web server's process (digests, event
 * emails): work in slices of at most SLICE_MS, with a turn of the event loop between them, so
 * a page waits behind them for at most about that long.
 */

/** Work done in one go before the event loop gets a turn (ms): a page waits at most about this long. */
export const SLICE_MS = 20;

/** A turn of the event loop (pages waiting are served, connections accepted). */
export function turn(): Promise<void> {
	return new Promise((r) => setImmediate(r));
}

/** Call before each step of a long loop: gives the event loop a turn once `ms` have passed since the last. */
export function timeSlice(ms = SLICE_MS): () => Promise<void> | void {
	let since = performance.now();
	return () => {
		if (performance.now() - since < ms) return;
		return new Promise<void>((r) =>
			setImmediate(() => {
				since = performance.now();
				r();
			})
		);
	};
}
