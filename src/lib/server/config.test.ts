import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { parseSmtpUrl, readConfig } from './config';

describe('SMTP_URL', () => {
	it('is optional: unset or blank means the local mailbox', () => {
		expect(parseSmtpUrl(undefined)).toBeNull();
		expect(parseSmtpUrl('')).toBeNull();
		expect(parseSmtpUrl('   ')).toBeNull();
		expect(readConfig({}).smtpUrl).toBeNull();
	});

	it('accepts smtp:// and smtps:// URLs', () => {
		expect(parseSmtpUrl('smtp://user:secret@mail.example.org:587')?.hostname).toBe('mail.example.org');
		expect(parseSmtpUrl(' smtps://mail.example.org:465 ')?.port).toBe('465');
	});

	it('explains what is wrong with a bad value and what to write instead', () => {
		expect(() => parseSmtpUrl('mail.example.org')).toThrow(/SMTP_URL could not be read \(it is not a URL\)\. Use a URL like smtp:\/\/user:password@mail\.example\.org:587/);
		// The message never repeats the value, which may hold a password.
		expect(() => parseSmtpUrl('user:s3cret-pass@@ bad')).toThrow(/^(?!.*s3cret-pass)/s);
		expect(() => parseSmtpUrl('http://mail.example.org')).toThrow('SMTP_URL must start with smtp:// or smtps:// (it starts with http://).');
		expect(() => readConfig({ SMTP_URL: 'not a url' })).toThrow(/leave it unset to use the local mailbox/);
	});
});

describe('configuration', () => {
	it('has sensible defaults', () => {
		const c = readConfig({});
		expect(c.port).toBe(3000);
		expect(c.origin).toBe('http://localhost:3000');
		expect(c.secureCookies).toBe(false);
		expect(c.dataDir).toBe(resolve('./data'));
		expect(c.databasePath).toBe(resolve('./data/app.db'));
		expect(c.demo).toBe(false);
		expect(c.jobs).toBe(true);
	});

	it('honours PORT, ORIGIN, DATA_DIR, MAIL_FROM and DEMO', () => {
		const c = readConfig({ PORT: '8080', ORIGIN: 'https://network.example.org/', DATA_DIR: '/srv/lmn', MAIL_FROM: 'Network <n@example.org>', DEMO: '1' });
		expect(c.port).toBe(8080);
		expect(c.origin).toBe('https://network.example.org');
		expect(c.secureCookies).toBe(true);
		expect(c.databasePath).toBe('/srv/lmn/app.db');
		expect(c.mailFrom).toBe('Network <n@example.org>');
		expect(c.demo).toBe(true);
		expect(readConfig({ DEMO: '0' }).demo).toBe(false);
		expect(readConfig({ PORT: '4000' }).origin).toBe('http://localhost:4000');
		expect(readConfig({ PORT: 'abc' }).port).toBe(3000);
	});
});

describe('mail in', () => {
	it('has defaults that work for the demo', () => {
		const c = readConfig({}).inbound;
		expect(c).toMatchObject({ domain: 'reply.localhost', mailbox: null, smtpPort: null, imapUrl: null, secret: null, rawDays: 30 });
		expect(c.maxBytes).toBe(10 * 1024 * 1024);
	});

	it('reads the reply domain, the mailbox and the receiver settings', () => {
		const c = readConfig({ REPLY_DOMAIN: 'Reply.Network.Example.ORG', REPLY_MAILBOX: 'LMN-Replies', INBOUND_SMTP_PORT: '2525', INBOUND_MAX_BYTES: '1000', INBOUND_SECRET: 's' }).inbound;
		expect(c).toMatchObject({ domain: 'reply.network.example.org', mailbox: 'lmn-replies', smtpPort: 2525, maxBytes: 1000, secret: 's', tls: null });
		expect(readConfig({ INBOUND_TLS_CERT: '/etc/lmn/cert.pem', INBOUND_TLS_KEY: '/etc/lmn/key.pem' }).inbound.tls).toEqual({ certFile: '/etc/lmn/cert.pem', keyFile: '/etc/lmn/key.pem' });
	});

	it('explains bad values', () => {
		expect(() => readConfig({ REPLY_DOMAIN: 'not a domain' })).toThrow(/REPLY_DOMAIN must be a domain name/);
		expect(() => readConfig({ REPLY_MAILBOX: 'a@b' })).toThrow(/REPLY_MAILBOX/);
		expect(() => readConfig({ INBOUND_SMTP_PORT: 'x' })).toThrow(/INBOUND_SMTP_PORT must be a port number/);
		expect(() => readConfig({ INBOUND_TLS_CERT: '/etc/lmn/cert.pem' })).toThrow(/Set both INBOUND_TLS_CERT and INBOUND_TLS_KEY/);
		expect(() => readConfig({ INBOUND_TLS_KEY: '/etc/lmn/key.pem' })).toThrow(/Set both INBOUND_TLS_CERT and INBOUND_TLS_KEY/);
	});
});
