/**
 * The file store: put, open, remove. Bytes are streamed to a temporary file under
 * `DATA_DIR/files/tmp/` while their SHA-256 is computed (never held whole in memory), fsynced,
 * checked (detect.ts), and only then moved to `DATA_DIR/files/<aa>/<hash>` — inside the caller's
 * database transaction, so the move and the reference count commit together. Identical files
 * are stored once. A crash mid-upload leaves only a temporary file, which housekeeping removes
 * (those of dead processes at once, any after a day); a file moved in by a transaction that then
 * failed, or whose count fell to 0, is removed after a grace period.
 *
 * Another store (an object store) could replace this one behind the same functions.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, fsyncSync, mkdirSync, openSync, closeSync, readdirSync, renameSync, statSync, unlinkSync, rmSync } from 'node:fs';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq, lte, sql } from 'drizzle-orm';
import { config } from '../config';
import { db } from '../db/client';
import { storedFile, type StoredFile } from '../db/schema';
import { detect, messageFor, type Refusal } from './detect';
import { safeName } from './names';
import type { FileTypeInfo } from './types';

/** How long an unreferenced file (or one moved in by a failed transaction) is kept. */
export const GRACE_MS = 60 * 60 * 1000;
/** Temporary files of a live process older than this are abandoned. */
const TEMP_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const HASH = /^[0-9a-f]{64}$/;

let dirOverride: string | null = null;
/** Tests: keep this file's store in its own folder. */
export function useFilesDir(dir: string | null) {
	dirOverride = dir;
}
export function filesDir(): string {
	return dirOverride ?? join(config().dataDir, 'files');
}
const tempDir = () => join(filesDir(), 'tmp');
export function blobPath(hash: string): string {
	if (!HASH.test(hash)) throw new Error('not a file hash');
	return join(filesDir(), hash.slice(0, 2), hash);
}

/** A file received and checked, not yet in the store: `reference()` it in a transaction, or `discard()` it. */
export type Received = {
	hash: string;
	size: number;
	type: FileTypeInfo;
	activeContent: boolean;
	/** The name it came with, made safe (names.ts). */
	name: string;
	tempPath: string;
};

export type ReceiveResult = { ok: true; file: Received } | { ok: false; reason: Refusal; message: string };

/**
 * Receives one file's bytes: `await sink.write(chunk)` as they arrive, then `finish(name)`.
 * Past `maxBytes` nothing more is written (the rest is read and dropped) and finish refuses it.
 */
export class Sink {
	private hash = createHash('sha256');
	private size = 0;
	private over = false;
	private closed = false;
	private constructor(
		private fh: FileHandle,
		readonly tempPath: string,
		readonly maxBytes: number
	) {}

	static async start(maxBytes = config().uploadMaxBytes): Promise<Sink> {
		mkdirSync(tempDir(), { recursive: true });
		const path = join(tempDir(), `${process.pid}-${randomBytes(8).toString('hex')}.part`);
		const fh = await open(path, 'wx', 0o600);
		return new Sink(fh, path, maxBytes);
	}

	get bytes() {
		return this.size;
	}
	get tooBig() {
		return this.over;
	}

	async write(chunk: Uint8Array) {
		if (this.over || this.closed) return;
		if (this.size + chunk.byteLength > this.maxBytes) {
			this.over = true;
			this.size += chunk.byteLength;
			return;
		}
		this.size += chunk.byteLength;
		this.hash.update(chunk);
		let off = 0;
		while (off < chunk.byteLength) {
			const { bytesWritten } = await this.fh.write(chunk, off, chunk.byteLength - off);
			off += bytesWritten;
		}
	}

	/** Closes and checks the file; a refused file is deleted at once. */
	async finish(name: string): Promise<ReceiveResult> {
		const display = safeName(name);
		try {
			if (this.over) {
				await this.abort();
				return { ok: false, reason: 'too-big', message: messageFor('too-big', display, { maxBytes: this.maxBytes }) };
			}
			await this.fh.sync();
			await this.fh.close();
			this.closed = true;
			const found = await detect(this.tempPath, name, this.size);
			if (!found.ok) {
				await this.abort();
				return { ok: false, reason: found.reason, message: found.message };
			}
			return {
				ok: true,
				file: { hash: this.hash.digest('hex'), size: this.size, type: found.type, activeContent: found.activeContent, name: safeName(name, found.type.extensions[0]), tempPath: this.tempPath }
			};
		} catch (err) {
			await this.abort();
			throw err;
		}
	}

	/** Gives up: closes and deletes the temporary file. */
	async abort() {
		if (!this.closed) {
			this.closed = true;
			await this.fh.close().catch(() => {});
		}
		await unlink(this.tempPath).catch(() => {});
	}
}

/** Receives a whole stream or buffer (seeding, tests, scripts); the upload route uses Sink while parsing. */
export async function receive(source: AsyncIterable<Uint8Array> | Uint8Array, name: string, maxBytes = config().uploadMaxBytes): Promise<ReceiveResult> {
	const sink = await Sink.start(maxBytes);
	try {
		if (source instanceof Uint8Array) await sink.write(source);
		else for await (const chunk of source) await sink.write(chunk);
	} catch (err) {
		await sink.abort();
		throw err;
	}
	return sink.finish(name);
}

/** Drops a received file that will not be kept (the form had errors). */
export async function discard(file: Received) {
	await unlink(file.tempPath).catch(() => {});
}

function fsyncDir(dir: string) {
	try {
		const fd = openSync(dir, 'r');
		try {
			fsyncSync(fd);
		} finally {
			closeSync(fd);
		}
	} catch {
		// Some platforms cannot fsync a directory; the rename is still atomic.
	}
}

/**
 * Puts a received file in the store and counts one more reference to it. Synchronous: call it
 * inside the transaction that records what refers to it (better-sqlite3 transactions cannot
 * await). Housekeeping removes files in a transaction too, so the two never cross.
 */
export function reference(file: Received, now = Date.now()): StoredFile {
	const target = blobPath(file.hash);
	if (existsSync(target)) {
		rmSync(file.tempPath, { force: true });
	} else {
		mkdirSync(join(filesDir(), file.hash.slice(0, 2)), { recursive: true });
		renameSync(file.tempPath, target);
		fsyncDir(join(filesDir(), file.hash.slice(0, 2)));
	}
	return db
		.insert(storedFile)
		.values({ hash: file.hash, size: file.size, kind: file.type.kind, mime: file.type.mime, activeContent: file.activeContent, refs: 1, createdAt: now, updatedAt: now })
		.onConflictDoUpdate({ target: storedFile.hash, set: { refs: sql`${storedFile.refs} + 1`, updatedAt: now } })
		.returning()
		.get();
}

/** One more reference to a file already stored (a version copied, an attachment). */
export function addReference(hash: string, now = Date.now()) {
	const r = db.update(storedFile).set({ refs: sql`${storedFile.refs} + 1`, updatedAt: now }).where(eq(storedFile.hash, hash)).run();
	if (r.changes !== 1) throw new Error(`no stored file ${hash}`);
}

/** One reference fewer (remove). The bytes go when housekeeping finds it unreferenced past the grace period. */
export function remove(hash: string, now = Date.now()) {
	db.update(storedFile)
		.set({ refs: sql`max(${storedFile.refs} - 1, 0)`, updatedAt: now })
		.where(eq(storedFile.hash, hash))
		.run();
}

export function info(hash: string): StoredFile | undefined {
	if (!HASH.test(hash)) return undefined;
	return db.select().from(storedFile).where(eq(storedFile.hash, hash)).get();
}

/** Opens a stored file for reading, whole or a byte range (inclusive, as in HTTP). Null when missing. */
export function open_(hash: string, range?: { start: number; end: number }) {
	const path = blobPath(hash);
	if (!existsSync(path)) return null;
	return createReadStream(path, range ? { start: range.start, end: range.end } : {});
}
export { open_ as open };

/** Bytes referenced in the store (all files with a reference). */
export function totalBytes(): number {
	return db.select({ n: sql<number>`coalesce(sum(${storedFile.size}), 0)` }).from(storedFile).where(sql`${storedFile.refs} > 0`).get()?.n ?? 0;
}

function alive(pid: number): boolean {
	if (pid === process.pid) return true;
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return (err as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Housekeeping: temporary files of processes that are gone (a crash mid-upload) or older than a
 * day; stored files unreferenced for longer than the grace period; files on disk with no row
 * (moved in by a transaction that then failed) older than the grace period.
 */
export function sweep(now = Date.now()) {
	const out = { temporary: 0, unreferenced: 0, orphans: 0 };
	const dir = filesDir();
	if (!existsSync(dir)) return out;
	if (existsSync(tempDir())) {
		for (const f of readdirSync(tempDir())) {
			const path = join(tempDir(), f);
			const pid = Number(f.split('-')[0]);
			let old = false;
			try {
				old = now - statSync(path).mtimeMs > TEMP_MAX_AGE_MS;
			} catch {
				continue;
			}
			if (old || !Number.isInteger(pid) || !alive(pid)) {
				rmSync(path, { force: true });
				out.temporary++;
			}
		}
	}
	const due = db
		.select({ hash: storedFile.hash })
		.from(storedFile)
		.where(and(lte(storedFile.refs, 0), lte(storedFile.updatedAt, now - GRACE_MS)))
		.all();
	for (const { hash } of due) {
		db.transaction(() => {
			const gone = db
				.delete(storedFile)
				.where(and(eq(storedFile.hash, hash), lte(storedFile.refs, 0)))
				.run();
			if (gone.changes) {
				rmSync(blobPath(hash), { force: true });
				out.unreferenced++;
			}
		}, { behavior: 'immediate' });
	}
	for (const sub of readdirSync(dir)) {
		if (!/^[0-9a-f]{2}$/.test(sub)) continue;
		for (const f of readdirSync(join(dir, sub))) {
			const path = join(dir, sub, f);
			if (!HASH.test(f)) continue;
			let mtime = 0;
			try {
				mtime = statSync(path).mtimeMs;
			} catch {
				continue;
			}
			if (now - mtime < GRACE_MS) continue;
			db.transaction(() => {
				if (!db.select({ h: storedFile.hash }).from(storedFile).where(eq(storedFile.hash, f)).get()) {
					rmSync(path, { force: true });
					out.orphans++;
				}
			}, { behavior: 'immediate' });
		}
	}
	return out;
}
