import { hash, verify } from '@node-rs/argon2';
import { isCommonPassword } from './common-passwords';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/** Why a new password is refused, in words, or null when it is fine. No composition rules. */
export function passwordProblem(password: string): string | null {
	if (password.length < PASSWORD_MIN) return `Enter a password of at least ${PASSWORD_MIN} characters`;
	if (password.length > PASSWORD_MAX) return `Enter a password of at most ${PASSWORD_MAX} characters`;
	if (isCommonPassword(password) || isCommonVariant(password)) return 'That password is one of the most common ones – choose another, such as three random words';
	return null;
}

/**
 * Every entry of the common-passwords list is shorter than 12 characters, so the list only
 * bites on the ways people stretch one: "Password2026!", "qwertyqwerty", "iloveyou iloveyou".
 */
function isCommonVariant(password: string): boolean {
	const lower = password.trim().toLowerCase();
	const stem = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
	if (stem.length >= 4 && isCommonPassword(stem)) return true;
	const m = /^(.{3,}?)(?:[\s._-]?\1)+$/.exec(lower);
	return m != null && isCommonPassword(m[1]);
}

// argon2id (the library's default algorithm) with OWASP's recommended minimums.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
	if (!passwordHash) {
		// Spend comparable time so a missing account can't be told from a wrong password.
		await hash(password, OPTIONS);
		return false;
	}
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}
