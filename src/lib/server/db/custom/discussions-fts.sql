-- Full-text search over discussion titles and post bodies (SQLite FTS5).
-- An external-content table: the text lives in `post` (`title` is the thread title on a
-- thread's opening post and empty on replies; `plain` is the post as plain text), the index
-- here. Triggers keep the index in step with every insert, update and delete of a post.
-- Queries join back to post and thread, so visibility is enforced in the same SQL.
CREATE VIRTUAL TABLE IF NOT EXISTS post_fts USING fts5(
	title,
	plain,
	content = 'post',
	content_rowid = 'id',
	tokenize = 'porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
DROP TRIGGER IF EXISTS post_fts_insert;
--> statement-breakpoint
CREATE TRIGGER post_fts_insert AFTER INSERT ON post BEGIN
	INSERT INTO post_fts(rowid, title, plain) VALUES (new.id, new.title, new.plain);
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS post_fts_delete;
--> statement-breakpoint
CREATE TRIGGER post_fts_delete AFTER DELETE ON post BEGIN
	INSERT INTO post_fts(post_fts, rowid, title, plain) VALUES ('delete', old.id, old.title, old.plain);
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS post_fts_update;
--> statement-breakpoint
CREATE TRIGGER post_fts_update AFTER UPDATE OF title, plain ON post BEGIN
	INSERT INTO post_fts(post_fts, rowid, title, plain) VALUES ('delete', old.id, old.title, old.plain);
	INSERT INTO post_fts(rowid, title, plain) VALUES (new.id, new.title, new.plain);
END;
--> statement-breakpoint
-- Rebuild from the content table, so re-applying this file after a table rebuild is safe.
INSERT INTO post_fts(post_fts) VALUES ('rebuild');
