/**
 * Child process: the bare ceiling — a node:http server answering every request with one fixed
 * HTML body of BODY_BYTES bytes and the headers the app sent with its page (BODY_HEADERS), so
 * the only difference from the app is the work the app does per request.
 */
import http from 'node:http';
import { takeTurn } from '../../src/lib/server/turns';

const port = Number(process.env.PORT);
const bytes = Number(process.env.BODY_BYTES);
const headers = JSON.parse(process.env.BODY_HEADERS || '{}') as Record<string, string>;
/** CPU each answer burns first (ms): the control for a server whose every request costs what a page costs. */
const burnMs = Number(process.env.BURN_MS || 0);
/** Take turns as the app does (src/lib/server/turns.ts), to show what that changes. */
const turns = process.env.TAKE_TURNS === '1';

const head = '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Ceiling</title></head><body><main>';
const tail = '</main></body></html>\n';
const filler = 'Lead Members for Children’s Services share what works. ';
let body = head;
while (Buffer.byteLength(body) + Buffer.byteLength(tail) < bytes) body += filler;
const page = Buffer.concat([Buffer.from(body), Buffer.from(tail)]).subarray(0, Math.max(bytes, 0));

http
	.createServer(async (_req, res) => {
		if (turns) await takeTurn();
		if (burnMs > 0) for (const until = performance.now() + burnMs; performance.now() < until; );
		res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8', 'content-length': page.length });
		res.end(page);
	})
	.listen(port, '127.0.0.1', () => process.send?.({ type: 'ready', bytes: page.length }));
