/**
 * Recovery codes: ten single-use codes a member keeps somewhere safe, for when their phone is
 * lost. Shown once when made; only SHA-256 of each code is stored. Each code is 10 characters
 * of base32 (50 random bits), shown as two groups of five: "k7m2q-x4hpa".
 */
import { and, count, eq, isNull } from 'drizzle-orm';
import { db } from '../db/client';
import { recoveryCode } from '../db/schema';
import { hashToken, randomToken } from './crypto';

export const RECOVERY_CODE_COUNT = 10;

/** A code as typed (any case, spaces or hyphens) in its stored form: 10 lower-case characters. */
export function normalise(input: string): string {
	return input.toLowerCase().replace(/[\s-]+/g, '');
}

/** Whether the input has the shape of a recovery code (not a 6-digit app code). */
export function looksLikeRecoveryCode(input: string): boolean {
	return /^[a-z2-7]{10}$/.test(normalise(input));
}

/** "k7m2qx4hpa" → "k7m2q-x4hpa" */
export function format(code: string): string {
	return `${code.slice(0, 5)}-${code.slice(5)}`;
}

function newCode(): string {
	// 7 random bytes give 12 base32 characters; 10 of them are 50 random bits.
	return randomToken(7).slice(0, 10);
}

/** Makes a fresh set of codes for a member, replacing any earlier set; returns them formatted (shown once). */
export function generate(memberId: number, now = Date.now()): string[] {
	const codes = new Set<string>();
	while (codes.size < RECOVERY_CODE_COUNT) codes.add(newCode());
	db.delete(recoveryCode).where(eq(recoveryCode.memberId, memberId)).run();
	db.insert(recoveryCode)
		.values([...codes].map((c) => ({ memberId, codeHash: hashToken(c), createdAt: now })))
		.run();
	return [...codes].map(format);
}

/** Uses a code once: true the first time a valid unused code is given, false otherwise. */
export function consume(memberId: number, input: string, now = Date.now()): boolean {
	if (!looksLikeRecoveryCode(input)) return false;
	const changed = db
		.update(recoveryCode)
		.set({ usedAt: now })
		.where(and(eq(recoveryCode.memberId, memberId), eq(recoveryCode.codeHash, hashToken(normalise(input))), isNull(recoveryCode.usedAt)))
		.run().changes;
	return changed === 1;
}

/** How many unused codes a member has left. */
export function remaining(memberId: number): number {
	return db
		.select({ n: count() })
		.from(recoveryCode)
		.where(and(eq(recoveryCode.memberId, memberId), isNull(recoveryCode.usedAt)))
		.get()!.n;
}

/** Deletes all of a member's codes (two-factor turned off). */
export function removeAll(memberId: number): void {
	db.delete(recoveryCode).where(eq(recoveryCode.memberId, memberId)).run();
}
