CREATE TABLE `mail_engagement` (
	`member_id` integer PRIMARY KEY NOT NULL,
	`seen_at` integer,
	`active_at` integer NOT NULL,
	`asked_for_active_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mail_engagement_active_idx` ON `mail_engagement` (`active_at`);--> statement-breakpoint
ALTER TABLE `email_preference` ADD `digest_when_visited` integer DEFAULT false NOT NULL;