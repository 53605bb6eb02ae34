/**
 * Upload forms for routes: read the multipart body as it streams (files/multipart.ts), validate
 * the text fields with the form's schema, and turn the file's refusal into a field error.
 */
import type { z } from 'zod';
import * as files from '../files';
import { config } from '../config';
import { parseForm, type FormErrors, type FormValues } from '../forms';
import { log } from '../log';
import { POST_UPLOAD_KINDS } from './entries';

export const ACCEPT = files.ACCEPT_ATTRIBUTE;
export const HINT = files.ACCEPTED_HINT;
export const maxLabel = () => files.formatBytes(config().uploadMaxBytes);

/** What a post form needs to offer a file upload (the thread and new-thread pages). */
export function postFormOptions() {
	return { accept: ACCEPT, acceptedHint: HINT, maxLabel: maxLabel(), kinds: POST_UPLOAD_KINDS.map(([v, l]) => [v, l] as [string, string]) };
}

const CHOOSE_AGAIN = 'For your safety, browsers forget the chosen file when a form comes back with a problem: choose it again';

export async function read(request: Request): Promise<{ ok: true; upload: files.Upload } | { ok: false; status: number; message: string }> {
	try {
		return { ok: true, upload: await files.readUpload(request, { maxBytes: config().uploadMaxBytes }) };
	} catch (err) {
		if (err instanceof files.UploadError) return { ok: false, status: err.status, message: err.message };
		log.warn('upload failed', { error: err instanceof Error ? err.message : String(err) });
		return { ok: false, status: 400, message: 'The upload was cut off before it finished. Try again.' };
	}
}

/**
 * A post form that may carry a file: a multipart body is read as it streams (as `read`); any
 * other form (a post without the file input, a script) is read as usual and has no file.
 */
export async function readForm(request: Request): ReturnType<typeof read> {
	if (/^multipart\/form-data/i.test(request.headers.get('content-type') ?? '')) return read(request);
	return { ok: true, upload: { fields: await request.formData(), file: null, fileField: null } };
}

/**
 * Runs the area's write with the received file, which it moves into the store when it keeps it.
 * Refused, sent again after the first submit, or failed: this copy of the file is removed.
 */
export async function settle<R extends { ok: boolean; replayed?: boolean }>(upload: files.Upload, write: () => R): Promise<R> {
	let r: R;
	try {
		r = write();
	} catch (err) {
		await drop(upload);
		throw err;
	}
	if (!r.ok || r.replayed) await drop(upload);
	return r;
}

export type ParsedUpload<T> = { ok: true; data: T; values: FormValues; file: files.Received | null } | { ok: false; errors: FormErrors; values: FormValues };

/** The fields against the schema, and the file's own check; any error means nothing is kept. */
export function parse<S extends z.ZodType>(schema: S, upload: files.Upload, opts: { arrays?: string[] } = {}): ParsedUpload<z.infer<S>> {
	const p = parseForm(schema, upload.fields, opts);
	const fileError = upload.file && !upload.file.ok ? upload.file.message : null;
	if (!p.ok || fileError) {
		const errors = p.ok ? {} : { ...p.errors };
		if (fileError) errors.file = fileError;
		else if (upload.file?.ok) errors.file = CHOOSE_AGAIN;
		return { ok: false, errors, values: p.values };
	}
	return { ok: true, data: p.data, values: p.values, file: upload.file?.ok ? upload.file.file : null };
}

/** Removes a received file that will not be kept. */
export async function drop(upload: files.Upload) {
	if (upload.file?.ok) await files.discard(upload.file.file);
}

/** After an area refused the form: the file must be chosen again. */
export function withFileHint(errors: FormErrors, upload: files.Upload): FormErrors {
	return errors.file || !upload.file?.ok ? errors : { ...errors, file: CHOOSE_AGAIN };
}
