import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { config } from '../../config';
import * as store from '../inbound';
import { readTls, startSmtpReceiver, type SmtpReceiver } from './smtp';
import { receive, sameSecret } from './webhook';

let smtp: SmtpReceiver;
const MAX = 200_000;

beforeAll(async () => {
	smtp = await startSmtpReceiver({ port: 0, host: '127.0.0.1', maxBytes: MAX, domain: 'reply.localhost' });
});
afterAll(async () => {
	await smtp?.close();
});

const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });

describe('the built-in SMTP receiver', () => {
	it('stores a message for the reply domain and answers with its id; a second delivery is the same row', async () => {
		const mail = { from: 'member@example.org', to: 'reply+t1-1-aaaaaaaaaaaaaaaaaaaaaaaaaa@reply.localhost', subject: 'Re: hello', text: 'A reply', messageId: '<smtp-receiver-1@example.org>' };
		const info = await transport().sendMail(mail);
		expect(info.response).toMatch(/^250 .*Stored as inbound message \d+/);
		const id = Number(/message (\d+)/.exec(info.response)![1]);
		expect(store.byId(id)).toMatchObject({ via: 'smtp', envelopeFrom: 'member@example.org', recipients: ['reply+t1-1-aaaaaaaaaaaaaaaaaaaaaaaaaa@reply.localhost'], outcome: 'pending' });
		const again = await transport().sendMail(mail);
		expect(again.response).toMatch(/already received/);
		expect(Number(/message (\d+)/.exec(again.response)![1])).toBe(id);
	});

	it('refuses other domains at RCPT: it is not a relay', async () => {
		await expect(transport().sendMail({ from: 'a@example.org', to: 'someone@example.com', subject: 'x', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
	});

	it('refuses a message over the size limit at the SMTP level, and still takes the next one', async () => {
		const big = 'x'.repeat(MAX + 10_000);
		await expect(transport().sendMail({ from: 'a@example.org', to: 'reply+big@reply.localhost', subject: 'big', text: big })).rejects.toMatchObject({ responseCode: 552 });
		const ok = await transport().sendMail({ from: 'a@example.org', to: 'reply+small@reply.localhost', subject: 'small', text: 'small', messageId: '<smtp-after-big@example.org>' });
		expect(ok.response).toMatch(/^250/);
	});

	it('refuses a 25 MB message at the SMTP level with the default limit (10 MB), and stays up', async () => {
		const limit = config().inbound.maxBytes;
		expect(limit).toBe(10 * 1024 * 1024);
		const receiver = await startSmtpReceiver({ port: 0, host: '127.0.0.1', domain: 'reply.localhost' });
		try {
			const t = nodemailer.createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, ignoreTLS: true });
			const huge = Buffer.alloc(25 * 1024 * 1024, 'a');
			await expect(t.sendMail({ from: 'a@example.org', to: 'reply+huge@reply.localhost', subject: 'huge', text: 'see attached', attachments: [{ filename: 'huge.bin', content: huge }] })).rejects.toMatchObject({ responseCode: 552 });
			const ok = await t.sendMail({ from: 'a@example.org', to: 'reply+after-huge@reply.localhost', subject: 'small', text: 'small', messageId: '<smtp-after-25mb@example.org>' });
			expect(ok.response).toMatch(/^250/);
		} finally {
			await receiver.close();
		}
	});

	it('records a null envelope sender (bounces) as <>', async () => {
		const info = await transport().sendMail({ envelope: { from: '', to: ['bounces+b1-aaaaaaaaaaaaaaaaaaaaaaaaaa@reply.localhost'] }, from: 'mailer-daemon@example.org', to: 'bounces+b1-aaaaaaaaaaaaaaaaaaaaaaaaaa@reply.localhost', subject: 'Undeliverable', text: 'x', messageId: '<smtp-null-sender@example.org>' });
		const id = Number(/message (\d+)/.exec(info.response)![1]);
		expect(store.byId(id)!.envelopeFrom).toBe('<>');
	});

	it('refuses a declared SIZE over the limit at MAIL FROM', async () => {
		const { createConnection } = await import('node:net');
		const said = await new Promise<string>((resolve) => {
			const s = createConnection(smtp.port, '127.0.0.1');
			let buf = '';
			let step = 0;
			s.on('data', (d) => {
				buf += d.toString();
				if (step === 0 && buf.includes('220 ')) {
					step = 1;
					s.write('EHLO test\r\n');
				} else if (step === 1 && /250 [^\n]*\r\n$/.test(buf)) {
					step = 2;
					s.write(`MAIL FROM:<a@example.org> SIZE=${25 * 1024 * 1024}\r\n`);
				} else if (step === 2 && /\n5\d\d /.test(buf)) {
					step = 3;
					s.end('QUIT\r\n');
					resolve(buf);
				}
			});
		});
		expect(said).toMatch(new RegExp(`SIZE ${MAX}`));
		expect(said).toMatch(/\n552 .*(message exceeds fixed maximum message size|Message too big)/);
	});
});

describe('STARTTLS on the SMTP receiver', () => {
	let dir: string;
	let tlsReceiver: SmtpReceiver;
	let cert: Buffer;
	beforeAll(async () => {
		// A self-signed certificate made for this test by the openssl command line.
		dir = mkdtempSync(join(tmpdir(), 'lmn-tls-'));
		execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=reply.localhost', '-addext', 'subjectAltName=DNS:reply.localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
		cert = readFileSync(join(dir, 'cert.pem'));
		tlsReceiver = await startSmtpReceiver({ port: 0, host: '127.0.0.1', maxBytes: MAX, domain: 'reply.localhost', tls: readTls({ certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') }) });
	});
	afterAll(async () => {
		await tlsReceiver?.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('takes mail over TLS from a client that requires it, checking the configured certificate', async () => {
		expect(tlsReceiver.tls).toBe(true);
		const t = nodemailer.createTransport({ host: '127.0.0.1', port: tlsReceiver.port, secure: false, requireTLS: true, tls: { ca: [cert], servername: 'reply.localhost' } });
		const info = await t.sendMail({ from: 'member@example.org', to: 'reply+tls@reply.localhost', subject: 'Re: over TLS', text: 'Sent encrypted', messageId: '<smtp-starttls-1@example.org>' });
		expect(info.response).toMatch(/^250 .*Stored as inbound message \d+/);
		const id = Number(/message (\d+)/.exec(info.response)![1]);
		expect(store.byId(id)!.raw!.toString()).toContain('Sent encrypted');
		// A client that does not trust the certificate gets no further than the handshake.
		const untrusting = nodemailer.createTransport({ host: '127.0.0.1', port: tlsReceiver.port, secure: false, requireTLS: true, tls: { servername: 'reply.localhost' } });
		await expect(untrusting.sendMail({ from: 'member@example.org', to: 'reply+tls@reply.localhost', subject: 'x', text: 'x' })).rejects.toThrow(/self[- ]signed|certificate/i);
	});

	it('is not offered without a certificate: a client that requires TLS is told so', async () => {
		expect(smtp.tls).toBe(false);
		const t = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, requireTLS: true });
		await expect(t.sendMail({ from: 'member@example.org', to: 'reply+plain@reply.localhost', subject: 'x', text: 'x' })).rejects.toThrow(/STARTTLS/);
	});

	it('names the file it cannot read', () => {
		expect(() => readTls({ certFile: join(dir, 'missing.pem'), keyFile: join(dir, 'key.pem') })).toThrow(/could not read its TLS certificate, INBOUND_TLS_CERT \(.*missing\.pem\)/);
	});
});

describe('the webhook', () => {
	const raw = 'From: member@example.org\r\nTo: reply+x@reply.localhost\r\nSubject: Re: hi\r\nMessage-ID: <webhook-1@example.org>\r\n\r\nHello\r\n';
	const url = new URL('http://localhost/mail/inbound?to=reply%2Bx%40reply.localhost');
	const post = (headers: Record<string, string>, body: string = raw) => receive(new Request(url, { method: 'POST', headers: { 'content-type': 'message/rfc822', ...headers }, body }), url);
	const secret = () => config().inbound.secret;

	it('is off without INBOUND_SECRET', async () => {
		if (secret()) return; // configured in this run: covered below
		expect((await post({ authorization: 'Bearer anything' })).status).toBe(404);
	});

	it('compares secrets in constant time, whatever their lengths', () => {
		expect(sameSecret('abc', 'abc')).toBe(true);
		expect(sameSecret('abc', 'abd')).toBe(false);
		expect(sameSecret('ab', 'abc')).toBe(false);
		expect(sameSecret('', 'abc')).toBe(false);
	});

	it('with a secret: 401 without it or with a wrong one, 413 over the limit, 202 stored once', async () => {
		const c = config().inbound as { secret: string | null; maxBytes: number };
		const before = { secret: c.secret, maxBytes: c.maxBytes };
		c.secret = 'hook-secret';
		c.maxBytes = 10_000;
		try {
			expect((await post({})).status).toBe(401);
			expect((await post({ authorization: 'Bearer wrong' })).status).toBe(401);
			expect((await post({ authorization: 'Bearer hook-secret' }, 'x'.repeat(20_000))).status).toBe(413);
			expect((await post({ authorization: 'Bearer hook-secret' }, '')).status).toBe(400);
			const first = await post({ authorization: 'Bearer hook-secret', 'x-envelope-from': 'Member@Example.org' });
			expect(first.status).toBe(202);
			const { id, duplicate } = await first.json();
			expect(duplicate).toBe(false);
			expect(store.byId(id)).toMatchObject({ via: 'webhook', envelopeFrom: 'member@example.org', recipients: ['reply+x@reply.localhost'] });
			const second = await post({ 'x-inbound-secret': 'hook-secret' });
			expect(await second.json()).toEqual({ id, duplicate: true });
		} finally {
			c.secret = before.secret;
			c.maxBytes = before.maxBytes;
		}
	});
});
