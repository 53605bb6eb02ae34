-- Full-text search over the library (SQLite FTS5): entries' own text and the text extracted
-- from their files, page by page. External content: the text lives in `library_text`; triggers
-- keep the index in step. Queries join back to library_entry, so visibility is the same SQL
-- as the library's lists.
CREATE VIRTUAL TABLE IF NOT EXISTS library_text_fts USING fts5(
	text,
	content = 'library_text',
	content_rowid = 'id',
	tokenize = 'porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
DROP TRIGGER IF EXISTS library_text_fts_insert;
--> statement-breakpoint
CREATE TRIGGER library_text_fts_insert AFTER INSERT ON library_text BEGIN
	INSERT INTO library_text_fts(rowid, text) VALUES (new.id, new.text);
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS library_text_fts_delete;
--> statement-breakpoint
CREATE TRIGGER library_text_fts_delete AFTER DELETE ON library_text BEGIN
	INSERT INTO library_text_fts(library_text_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS library_text_fts_update;
--> statement-breakpoint
CREATE TRIGGER library_text_fts_update AFTER UPDATE OF text ON library_text BEGIN
	INSERT INTO library_text_fts(library_text_fts, rowid, text) VALUES ('delete', old.id, old.text);
	INSERT INTO library_text_fts(rowid, text) VALUES (new.id, new.text);
END;
--> statement-breakpoint
INSERT INTO library_text_fts(library_text_fts) VALUES ('rebuild');
