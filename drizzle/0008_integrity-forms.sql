CREATE TABLE `form_submission` (
	`token` text PRIMARY KEY NOT NULL,
	`actor_id` integer,
	`kind` text NOT NULL,
	`result_ref` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `form_submission_created_idx` ON `form_submission` (`created_at`);--> statement-breakpoint
CREATE INDEX `form_submission_actor_idx` ON `form_submission` (`actor_id`);--> statement-breakpoint
ALTER TABLE `post_report` ADD `source` text DEFAULT 'member' NOT NULL;--> statement-breakpoint
ALTER TABLE `checklist_item` ADD `na_reason` text DEFAULT '' NOT NULL;