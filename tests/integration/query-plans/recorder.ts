/**
 * Records every statement run on one better-sqlite3 connection, with its parameters.
 *
 * It wraps the runners of better-sqlite3's Statement prototype (`all`, `get`, `run`, `iterate`;
 * `bind` for parameters bound ahead), so it sees every statement however it was prepared and
 * whenever: Drizzle's query builder (which calls `client.prepare(sql)` per query), statements
 * kept prepared across requests (`prepared()` in db/client.ts, drizzle `.prepare()`), and the
 * raw `sqlite().prepare` of the full-text search. Each statement names its SQL (`source`) and
 * its connection (`database`), so only this connection's statements are kept, and only while
 * a label is set.
 */
import type Database from 'better-sqlite3';

export type Recorded = { label: string; sql: string; params: unknown[] };

const RUNNERS = ['all', 'get', 'run', 'iterate'] as const;
type Method = (this: Database.Statement, ...args: unknown[]) => unknown;

export function recordStatements(connection: Database.Database) {
	const recorded: Recorded[] = [];
	let label: string | null = null;
	const bound = new WeakMap<Database.Statement, unknown[]>();
	const probe = connection.prepare('SELECT 1');
	const proto = Object.getPrototypeOf(probe) as Record<string, Method>;
	const originals = new Map<string, Method>();

	const bind = proto.bind;
	originals.set('bind', bind);
	proto.bind = function (...args) {
		bound.set(this, args);
		return bind.apply(this, args);
	};
	for (const name of RUNNERS) {
		const run = proto[name];
		originals.set(name, run);
		proto[name] = function (...args) {
			if (label != null && this.database === connection) {
				recorded.push({ label, sql: this.source, params: args.length ? args : (bound.get(this) ?? []) });
			}
			return run.apply(this, args);
		};
	}

	return {
		recorded,
		/** Records what `fn` runs under `name`. */
		async during<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
			label = name;
			try {
				return await fn();
			} finally {
				label = null;
			}
		},
		/** Puts the Statement prototype back as it was. */
		restore() {
			for (const [name, fn] of originals) proto[name] = fn;
		}
	};
}
