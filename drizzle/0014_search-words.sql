-- The words of discussions as members wrote them, for "Did you mean …?" (discussions/spelling.ts).
-- The search index (post_fts) stems words ("framework" → "framework", "ofsted" → "ofst"), so its
-- vocabulary cannot be offered back to a member; this second index keeps whole words, folded for
-- case and accents, and only which posts hold them (detail = none: no positions, a small index).
-- post_word lists every word with how many posts hold it. Which of those posts a member may see
-- is checked against post and thread for every word offered, so no word from a thread they cannot
-- see (another region's, hidden or deleted) is ever suggested to them.
CREATE VIRTUAL TABLE IF NOT EXISTS post_word_fts USING fts5(
	title,
	plain,
	content = 'post',
	content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2',
	detail = none
);
--> statement-breakpoint
CREATE VIRTUAL TABLE IF NOT EXISTS post_word USING fts5vocab(post_word_fts, 'row');
--> statement-breakpoint
DROP TRIGGER IF EXISTS post_word_fts_insert;
--> statement-breakpoint
CREATE TRIGGER post_word_fts_insert AFTER INSERT ON post BEGIN
	INSERT INTO post_word_fts(rowid, title, plain) VALUES (new.id, new.title, new.plain);
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS post_word_fts_delete;
--> statement-breakpoint
CREATE TRIGGER post_word_fts_delete AFTER DELETE ON post BEGIN
	INSERT INTO post_word_fts(post_word_fts, rowid, title, plain) VALUES ('delete', old.id, old.title, old.plain);
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS post_word_fts_update;
--> statement-breakpoint
CREATE TRIGGER post_word_fts_update AFTER UPDATE OF title, plain ON post BEGIN
	INSERT INTO post_word_fts(post_word_fts, rowid, title, plain) VALUES ('delete', old.id, old.title, old.plain);
	INSERT INTO post_word_fts(rowid, title, plain) VALUES (new.id, new.title, new.plain);
END;
--> statement-breakpoint
-- Rebuild from the content table, so re-applying this file after a table rebuild is safe.
INSERT INTO post_word_fts(post_word_fts) VALUES ('rebuild');
