-- Free-text "agreed actions" of logged meetings become action items: one per non-empty line,
-- in the order written. "Tom: read the report" / "Sarah – send the checklist" / "Mentor: …" /
-- "Mentee: …" name the owner (the member's first name or full name, or the side); "Both: …" and
-- lines naming no one belong to both. The name and separator are taken off the text. There is
-- no due date to recover. Actions of a pairing's most recent meeting stay open; those of earlier
-- meetings (when a later one was logged) are marked done as of that later meeting, since the
-- pair met again and moved on. The meeting's text is then cleared, so nothing shows twice.
WITH RECURSIVE split(meeting_id, pairing_id, rest, line, n) AS (
	SELECT id, pairing_id, replace(actions, char(13), '') || char(10), NULL, 0 FROM pairing_meeting WHERE trim(actions) <> ''
	UNION ALL
	SELECT meeting_id, pairing_id, substr(rest, instr(rest, char(10)) + 1), trim(substr(rest, 1, instr(rest, char(10)) - 1)), n + 1
	FROM split WHERE rest <> ''
),
lines AS (
	SELECT s.meeting_id, s.pairing_id, s.n,
		-- a leading "- ", "* " or "• " bullet is not part of the action
		CASE WHEN substr(s.line, 1, 2) IN ('- ', '* ', '• ') THEN trim(substr(s.line, 3)) ELSE s.line END AS line
	FROM split s WHERE s.line IS NOT NULL AND s.line <> ''
),
parsed AS (
	SELECT l.meeting_id, l.pairing_id, l.n, l.line,
		-- the text before the first ':' or ' – ' / ' - ' when short enough to be a name
		CASE
			WHEN instr(l.line, ':') BETWEEN 2 AND 40 THEN lower(trim(substr(l.line, 1, instr(l.line, ':') - 1)))
			WHEN instr(l.line, ' – ') BETWEEN 2 AND 40 THEN lower(trim(substr(l.line, 1, instr(l.line, ' – ') - 1)))
			WHEN instr(l.line, ' - ') BETWEEN 2 AND 40 THEN lower(trim(substr(l.line, 1, instr(l.line, ' - ') - 1)))
		END AS who,
		CASE
			WHEN instr(l.line, ':') BETWEEN 2 AND 40 THEN trim(substr(l.line, instr(l.line, ':') + 1))
			WHEN instr(l.line, ' – ') BETWEEN 2 AND 40 THEN trim(substr(l.line, instr(l.line, ' – ') + 3))
			WHEN instr(l.line, ' - ') BETWEEN 2 AND 40 THEN trim(substr(l.line, instr(l.line, ' - ') + 3))
		END AS after
	FROM lines l
),
owned AS (
	SELECT p.meeting_id, p.pairing_id, p.n, p.line, p.after,
		CASE
			WHEN p.who IN ('mentor', lower(mt.name), lower(substr(mt.name, 1, instr(mt.name || ' ', ' ') - 1))) THEN 'mentor'
			WHEN p.who IN ('mentee', lower(me.name), lower(substr(me.name, 1, instr(me.name || ' ', ' ') - 1))) THEN 'mentee'
			WHEN p.who IN ('both', 'both of us', 'we', 'us') THEN 'both'
		END AS owner
	FROM parsed p
	JOIN pairing pr ON pr.id = p.pairing_id
	LEFT JOIN member mt ON mt.id = pr.mentor_id
	LEFT JOIN member me ON me.id = pr.mentee_id
)
INSERT INTO pairing_action (pairing_id, meeting_id, text, owner, due_on, status, done_at, done_by_id, created_by_id, created_at, updated_at)
SELECT o.pairing_id, o.meeting_id,
	CASE WHEN o.owner IS NOT NULL AND o.after <> '' THEN upper(substr(o.after, 1, 1)) || substr(o.after, 2) ELSE o.line END,
	coalesce(o.owner, 'both'),
	NULL,
	CASE WHEN later.created_at IS NULL THEN 'open' ELSE 'done' END,
	later.created_at,
	NULL,
	m.logged_by_id,
	m.created_at,
	coalesce(later.created_at, m.created_at)
FROM owned o
JOIN pairing_meeting m ON m.id = o.meeting_id
LEFT JOIN pairing_meeting later ON later.id = (
	SELECT x.id FROM pairing_meeting x
	WHERE x.pairing_id = m.pairing_id AND (x.held_on > m.held_on OR (x.held_on = m.held_on AND x.id > m.id))
	ORDER BY x.held_on, x.id LIMIT 1
)
ORDER BY o.meeting_id, o.n;
--> statement-breakpoint
UPDATE pairing_meeting SET actions = '' WHERE actions <> '';
