import { describe, expect, it } from 'vitest';
import { PER_TURN, takeTurn, waitingCount } from './turns';

/** One turn of the event loop (the check phase, where the waiting requests are let go). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Asks for a turn for request `i`, recording when it may start. */
function arrive(i: number, started: number[]) {
	const t = takeTurn();
	if (t) void t.then(() => started.push(i));
	else started.push(i);
}

describe('takeTurn: at most PER_TURN requests start per turn of the event loop', () => {
	it('starts PER_TURN at once, the rest a few per turn, in arrival order', async () => {
		const started: number[] = [];
		const n = 4 * PER_TURN + 1;
		for (let i = 0; i < n; i++) arrive(i, started);
		await Promise.resolve();
		expect(started).toEqual(Array.from({ length: PER_TURN }, (_, i) => i));
		expect(waitingCount()).toBe(n - PER_TURN);

		const perTurn: number[] = [];
		let before = started.length;
		for (let k = 0; k < n && started.length < n; k++) {
			await nextTurn();
			perTurn.push(started.length - before);
			before = started.length;
		}
		expect(started).toEqual(Array.from({ length: n }, (_, i) => i)); // every one, first come first served
		expect(Math.max(...perTurn)).toBeLessThanOrEqual(PER_TURN);
		expect(perTurn.length).toBeGreaterThanOrEqual(Math.ceil((n - PER_TURN) / PER_TURN));
		expect(waitingCount()).toBe(0);
	});

	it('a request that comes while others wait goes behind them', async () => {
		const started: number[] = [];
		for (let i = 0; i < 3 * PER_TURN; i++) arrive(i, started);
		await nextTurn();
		arrive(99, started);
		while (waitingCount() > 0) await nextTurn();
		await Promise.resolve();
		expect(started.at(-1)).toBe(99);
		expect(started.slice(0, -1)).toEqual(Array.from({ length: 3 * PER_TURN }, (_, i) => i));
	});

	it('when the server is quiet, each request starts at once', async () => {
		for (let k = 0; k < 3; k++) {
			await nextTurn();
			await nextTurn();
			expect(takeTurn()).toBeUndefined();
		}
	});
});
