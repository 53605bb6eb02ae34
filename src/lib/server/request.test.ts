import { describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { INVALID_NEXT, safeNext, sameSiteTarget } from './request';

const ORIGIN = 'http://localhost:3000';

function status(fn: () => unknown): number | null {
	try {
		fn();
		return null;
	} catch (e) {
		return isHttpError(e) ? e.status : -1;
	}
}

describe('where `next` leads (decided as a browser reads it)', () => {
	it('keeps paths on this site, with their query and fragment', () => {
		expect(sameSiteTarget('/threads/12?page=2#post-3', ORIGIN)).toBe('/threads/12?page=2#post-3');
		expect(sameSiteTarget('/', ORIGIN)).toBe('/');
		expect(sameSiteTarget(`${ORIGIN}/training`, ORIGIN)).toBe('/training');
		expect(sameSiteTarget('/%2F%2Fevil.example', ORIGIN)).toBe('/%2F%2Fevil.example');
		// Same scheme, no slashes: a browser reads it as a path here, and so do we.
		expect(sameSiteTarget('http:evil.example', ORIGIN)).toBe('/evil.example');
	});

	it('refuses everything a browser would take to another site', () => {
		for (const next of [
			'//evil.example',
			'/\t/evil.example', // a browser drops the tab: "//evil.example"
			'/\n/evil.example',
			'/\r\n/evil.example',
			'\t//evil.example',
			'/\\evil.example',
			'\\/evil.example',
			'/\\/evil.example',
			'https://evil.example/',
			'https:/evil.example',
			' //evil.example',
			'/.//evil.example', // normalises to the path "//evil.example"
			'/a/../..//evil.example',
			'javascript:alert(1)',
			'data:text/html,<script>alert(1)</script>',
			'http://localhost:3001/',
			'http://localhost:3000@evil.example/'
		]) {
			expect(sameSiteTarget(next, ORIGIN), JSON.stringify(next)).toBeNull();
		}
	});
});

describe('safeNext', () => {
	it('gives "/" for nothing or another site', () => {
		expect(safeNext(null)).toBe('/');
		expect(safeNext('')).toBe('/');
		expect(safeNext('https://evil.example')).toBe('/');
		expect(safeNext('/settings/email')).toBe('/settings/email');
	});

	it('refuses a tab, CR, LF or other control character with a 400 that says why', () => {
		for (const next of ['/\t/evil.example', '/x\r\nSet-Cookie: a=b', '/x\n', '/x\u0000', '/x\u007f']) {
			expect(status(() => safeNext(next)), JSON.stringify(next)).toBe(400);
		}
		try {
			safeNext('/\r\n');
		} catch (e) {
			expect(isHttpError(e) && e.body.message).toBe(INVALID_NEXT);
		}
	});
});
