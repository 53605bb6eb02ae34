import { describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { bodySizeLimit, describeSize, readFormsSafely, requestErrorMessage, UNREADABLE_FORM } from './http-errors';

const post = (type: string, body: BodyInit) => new Request('http://localhost/login', { method: 'POST', headers: { 'content-type': type }, body, duplex: 'half' } as RequestInit);

async function failure(request: Request): Promise<unknown> {
	readFormsSafely(request);
	try {
		await request.formData();
		return null;
	} catch (e) {
		return e;
	}
}

describe('a form that cannot be read', () => {
	it('is a 400 that says so: multipart without its closing boundary, without any boundary, or not a form at all', async () => {
		for (const [type, body] of [
			['multipart/form-data; boundary=XyZ', '--XyZ\r\nContent-Disposition: form-data; name="email"\r\n\r\nmember@example.org\r\n'],
			['multipart/form-data', 'email=a'],
			['text/plain', 'email=a'],
			['application/json', '{"email":"a"}']
		]) {
			const e = await failure(post(type, body));
			expect(isHttpError(e) && e.status, type).toBe(400);
			expect(isHttpError(e) && e.body.message).toBe(UNREADABLE_FORM);
		}
	});

	it('is read as usual when it is a form', async () => {
		const r = post('application/x-www-form-urlencoded', 'email=a%40b.example&next=%2F');
		readFormsSafely(r);
		expect(Object.fromEntries(await r.formData())).toEqual({ email: 'a@b.example', next: '/' });
	});

	it('keeps the size limit’s own error (413)', async () => {
		const tooBig = Object.assign(new Error('request body size exceeded BODY_SIZE_LIMIT of 524288'), { status: 413 });
		const body = new ReadableStream({ start: (c) => c.error(tooBig) });
		expect(await failure(post('application/x-www-form-urlencoded', body))).toBe(tooBig);
	});
});

describe('errors SvelteKit raises about a request', () => {
	it('say what happened: too large (with the limit), wrong method', () => {
		expect(bodySizeLimit('512K')).toBe(524_288);
		expect(bodySizeLimit('2M')).toBe(2 * 1024 * 1024);
		expect(bodySizeLimit('1000')).toBe(1000);
		expect(describeSize(524_288)).toBe('512 KB');
		expect(requestErrorMessage(413, 'Payload Too Large')).toContain('the limit is 512 KB');
		expect(requestErrorMessage(405, 'POST method not allowed')).toContain('This page cannot take what was sent');
		expect(requestErrorMessage(400, 'Bad thing')).toBe('Bad thing');
		expect(requestErrorMessage(500, 'Internal Error')).toBeNull();
	});
});

describe('a method a page does not take', () => {
	it('gives a browser a page that says so, keeping the 405 and Allow', async () => {
		const { explainWrongMethod } = await import('./http-errors');
		// As SvelteKit makes it: bytes, no Content-Type.
		const plain = new Response(new TextEncoder().encode('PUT method not allowed'), { status: 405, headers: { allow: 'GET, HEAD, OPTIONS, POST' } });
		expect(plain.headers.get('content-type')).toBeNull();
		const res = explainWrongMethod(new Request('http://localhost/login', { method: 'PUT', headers: { accept: 'text/html' } }), plain);
		expect(res.status).toBe(405);
		expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
		const html = await res.text();
		expect(html).toContain('<h1>This page cannot take that request</h1>');
		expect(html).toContain('<html lang="en-GB">');
		// Other clients keep the line of text; other answers are untouched.
		const api = new Response('PUT method not allowed', { status: 405, headers: { 'content-type': 'text/plain' } });
		expect(explainWrongMethod(new Request('http://localhost/login', { method: 'PUT', headers: { accept: 'application/json' } }), api)).toBe(api);
		const ok = new Response('fine');
		expect(explainWrongMethod(new Request('http://localhost/'), ok)).toBe(ok);
	});
});

describe('a post refused for its size before it is read', () => {
	it('gets a page that says it is too large and gives the limit', async () => {
		const { tooLarge } = await import('./http-errors');
		const page = tooLarge(new Request('http://localhost/login', { method: 'POST', headers: { accept: 'text/html' } }));
		expect(page.status).toBe(413);
		const html = await page.text();
		expect(html).toContain('<h1>What you sent is too large</h1>');
		expect(html).toContain('the limit is 512 KB');
		expect(page.headers.get('connection')).toBe('close');
		const enhanced = tooLarge(new Request('http://localhost/login', { method: 'POST', headers: { accept: 'application/json', 'x-sveltekit-action': 'true' } }));
		expect(await enhanced.json()).toMatchObject({ type: 'error', error: { message: expect.stringContaining('512 KB') } });
	});
});
