/** The file types the network accepts, decided by content (see detect.ts), never by name. */
export type FileKind = 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'odt' | 'ods' | 'odp' | 'csv' | 'txt' | 'png' | 'jpeg';

export type FileTypeInfo = {
	kind: FileKind;
	mime: string;
	/** What people call it: "PDF", "Word document". */
	label: string;
	/** Extensions a name may end with for this content. */
	extensions: string[];
	/** Browsers can show it themselves (a "view" link, still sandboxed). */
	viewable: boolean;
	/** Text can be extracted for search. */
	searchable: boolean;
};

export const FILE_TYPES: Record<FileKind, FileTypeInfo> = {
	pdf: { kind: 'pdf', mime: 'application/pdf', label: 'PDF', extensions: ['pdf'], viewable: true, searchable: true },
	docx: { kind: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word document', extensions: ['docx'], viewable: false, searchable: true },
	xlsx: { kind: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel spreadsheet', extensions: ['xlsx'], viewable: false, searchable: false },
	pptx: { kind: 'pptx', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'PowerPoint presentation', extensions: ['pptx'], viewable: false, searchable: false },
	odt: { kind: 'odt', mime: 'application/vnd.oasis.opendocument.text', label: 'OpenDocument text', extensions: ['odt'], viewable: false, searchable: false },
	ods: { kind: 'ods', mime: 'application/vnd.oasis.opendocument.spreadsheet', label: 'OpenDocument spreadsheet', extensions: ['ods'], viewable: false, searchable: false },
	odp: { kind: 'odp', mime: 'application/vnd.oasis.opendocument.presentation', label: 'OpenDocument presentation', extensions: ['odp'], viewable: false, searchable: false },
	csv: { kind: 'csv', mime: 'text/csv; charset=utf-8', label: 'CSV spreadsheet', extensions: ['csv'], viewable: false, searchable: true },
	txt: { kind: 'txt', mime: 'text/plain; charset=utf-8', label: 'text file', extensions: ['txt'], viewable: false, searchable: true },
	png: { kind: 'png', mime: 'image/png', label: 'PNG image', extensions: ['png'], viewable: true, searchable: false },
	jpeg: { kind: 'jpeg', mime: 'image/jpeg', label: 'JPEG image', extensions: ['jpg', 'jpeg'], viewable: true, searchable: false }
};

export const ACCEPTED_EXTENSIONS = Object.values(FILE_TYPES).flatMap((t) => t.extensions);

/** For the file input's `accept` and the hint under it. */
export const ACCEPT_ATTRIBUTE = ACCEPTED_EXTENSIONS.map((e) => '.' + e).join(',');
export const ACCEPTED_HINT = 'PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), OpenDocument (.odt, .ods, .odp), CSV, text, PNG or JPEG';

export function isFileKind(v: string): v is FileKind {
	return v in FILE_TYPES;
}
