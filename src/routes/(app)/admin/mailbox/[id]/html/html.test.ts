import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mailboxDir, mailboxTransport } from '$lib/server/mail/transport';
import { makeMember } from '../../../../../../../tests/support/members';
import { GET } from './+server';

const written: string[] = [];
afterAll(() => {
	for (const name of written) rmSync(join(mailboxDir(), name), { force: true });
});

/** Stores one message in the local mailbox and returns its id. */
async function store(html: string): Promise<string> {
	mkdirSync(mailboxDir(), { recursive: true });
	const before = new Set(readdirSync(mailboxDir()));
	await mailboxTransport().send({ from: 'network@example.org', to: 'someone@example.org', subject: 'Test', text: 'Plain', html });
	const name = readdirSync(mailboxDir()).find((n) => !before.has(n))!;
	written.push(name);
	return name.replace(/\.eml$/, '');
}

function call(member: ReturnType<typeof makeMember> | null, id: string) {
	const user = member && { ...member, regionId: member.regionId };
	return (GET as unknown as (e: unknown) => Promise<Response>)({ locals: { user }, params: { id } });
}

const status = async (p: Promise<unknown>) => {
	try {
		return ((await p) as Response).status;
	} catch (e) {
		return (e as { status: number }).status;
	}
};

describe('the HTML part of a stored email', () => {
	it('is served to admins in a sandbox with its own strict CSP, framable by this site only', async () => {
		const id = await store('<p>Hello <strong>there</strong></p><script>alert(1)</script>');
		const admin = makeMember({ role: 'admin' });
		const res = await call(admin, id);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'");
		expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
		expect(await res.text()).toContain('<strong>there</strong>');
	});

	it('is refused to coordinators and members, and to the signed out', async () => {
		const id = await store('<p>Private</p>');
		expect(await status(call(makeMember({ role: 'coordinator', coordinatorRegionId: 'london' }), id))).toBe(403);
		expect(await status(call(makeMember(), id))).toBe(403);
		expect(await status(call(null, id))).toBe(401);
	});

	it('is not found for unknown or malformed ids', async () => {
		const admin = makeMember({ role: 'admin' });
		expect(await status(call(admin, '1-nothing'))).toBe(404);
		expect(await status(call(admin, '../../etc/passwd'))).toBe(404);
	});
});
