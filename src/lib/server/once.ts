/**
 * One submit, one record: every form that creates something carries a one-time token, and a
 * repeated submit of the same token (a double click, a resubmit after going back, a retry on a
 * flaky connection — with or without JavaScript) creates nothing new and shows the record
 * already made.
 *
 * Adopting it in a create form takes three lines:
 *
 * 1. the page's `load` returns `formToken: once.newToken()`, and the form holds
 *    `<FormToken value={data.formToken} />` (a hidden field, `$lib/components/FormToken.svelte`)
 *    and `use:enhance={submitOnce()}` (`$lib/forms.ts`: the button is disabled while sending,
 *    text areas cleared on success);
 * 2. the action wraps its one area call:
 *    `const r = once.run(once.of(data, actor?.id ?? null, 'thread'), () => threads.create(actor, …), (v) => `/threads/${v.id}`);`
 * 3. on `r.ok` it redirects to `r.href` (the new record, or the one the first submit made).
 *
 * `run` opens a `BEGIN IMMEDIATE` transaction, looks the token up, calls the area function (its
 * own transaction nests as a savepoint) and records the token with the record's address before
 * committing — so two submits racing on two connections make one record: the second waits for
 * the first's commit and then finds its row. An area function that refuses (`ok: false`)
 * records nothing, so the same token can be sent again once the input is put right.
 */
import { randomBytes } from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import { db, immediate } from './db/client';
import { formSubmission } from './db/schema';

/** The hidden field's name. */
export const TOKEN_FIELD = 'formToken';

/** How long a token is remembered: long enough for any back-button resubmit. */
export const KEEP_MS = 30 * 86_400_000;

const TOKEN_RE = /^[A-Za-z0-9_-]{22}$/;

/** A fresh one-time token (128 random bits, base64url) for a form being shown. */
export function newToken(): string {
	return randomBytes(16).toString('base64url');
}

/** A submission's identity: the token from the form (null when missing or malformed), who sent it and what it makes. */
export type Submission = { token: string | null; actorId: number | null; kind: string };

/** Reads the token from submitted form data. */
export function of(data: FormData, actorId: number | null, kind: string): Submission {
	const raw = data.get(TOKEN_FIELD);
	return { token: typeof raw === 'string' && TOKEN_RE.test(raw) ? raw : null, actorId, kind };
}

/** What a create form's action gets back: made now, made by an earlier submit of the same token, or refused. */
export type Outcome<T, F> = { ok: true; href: string; replayed: false; value: T } | { ok: true; href: string; replayed: true; value: null } | F;


/** The address of a record an earlier submit of this token made, or null. */
export function made(token: string): string | null {
	return db.select({ ref: formSubmission.resultRef }).from(formSubmission).where(eq(formSubmission.token, token)).get()?.ref ?? null;
}

/**
 * Runs `create` at most once per token. `create` returns `{ ok: true, … }` when it made
 * something (then `href(result)` is where it is shown) or `{ ok: false, … }` (returned as is,
 * nothing recorded). A form without a valid token is not protected (old pages, scripts): it runs
 * as before.
 */
export function run<R extends { ok: boolean }>(
	s: Submission,
	create: () => R,
	href: (made: Extract<R, { ok: true }>) => string,
	now = Date.now()
): Outcome<Extract<R, { ok: true }>, Extract<R, { ok: false }>> {
	type Ok = Extract<R, { ok: true }>;
	type No = Extract<R, { ok: false }>;
	if (!s.token) {
		const r = create();
		return r.ok ? { ok: true, href: href(r as Ok), replayed: false, value: r as Ok } : (r as No);
	}
	const token = s.token;
	return immediate(() => {
		const before = made(token);
		if (before != null) return { ok: true as const, href: before, replayed: true as const, value: null };
		const r = create();
		if (!r.ok) return r as No;
		const ref = href(r as Ok);
		db.insert(formSubmission).values({ token, actorId: s.actorId, kind: s.kind, resultRef: ref, createdAt: now }).run();
		return { ok: true as const, href: ref, replayed: false as const, value: r as Ok };
	});
}

/** For area functions that return the record itself (no ok flag): wraps it as `{ ok: true, value }`. */
export function value<T>(fn: () => T): () => { ok: true; value: T } {
	return () => ({ ok: true, value: fn() });
}

/** Forgets tokens older than KEEP_MS (housekeeping). Returns how many went. */
export function prune(now = Date.now()): number {
	return db.delete(formSubmission).where(lt(formSubmission.createdAt, now - KEEP_MS)).run().changes;
}
