-- Every existing member starts with their last sign-in (or when they joined) as their last sign of life.
INSERT OR IGNORE INTO `mail_engagement` (`member_id`, `seen_at`, `active_at`, `updated_at`)
SELECT `id`, NULL, COALESCE(`last_sign_in_at`, `created_at`), COALESCE(`last_sign_in_at`, `created_at`) FROM `member`;
