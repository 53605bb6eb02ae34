/**
 * Files: storage behind put (receive + reference), open and remove, type checks and safe
 * names. Only the library calls it; other areas show documents through library functions.
 */
export { Sink, receive, discard, reference, addReference, remove, open, info, totalBytes, sweep, blobPath, filesDir, type Received, type ReceiveResult } from './store';
export { safeName, contentDisposition, extensionOf } from './names';
export { formatBytes, type Refusal } from './detect';
export { FILE_TYPES, ACCEPT_ATTRIBUTE, ACCEPTED_HINT, type FileKind, type FileTypeInfo } from './types';
export { readUpload, UploadError, type Upload } from './multipart';
