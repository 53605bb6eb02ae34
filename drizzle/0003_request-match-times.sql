-- The coordination page's "days from request to match" reads both times from the index.
DROP INDEX `mentor_request_status_idx`;--> statement-breakpoint
CREATE INDEX `mentor_request_status_idx` ON `mentor_request` (`status`,`region_id`,`created_at`,`matched_at`);