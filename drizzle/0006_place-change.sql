CREATE TABLE `place_change` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`from_authority_id` integer NOT NULL,
	`to_authority_id` integer NOT NULL,
	`from_position` text NOT NULL,
	`to_position` text NOT NULL,
	`from_in_role_since` text,
	`to_in_role_since` text,
	`note` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_by_id` integer,
	`decided_at` integer,
	`reason` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`from_authority_id`) REFERENCES `authority`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_authority_id`) REFERENCES `authority`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `place_change_pending_uq` ON `place_change` (`member_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `place_change_status_idx` ON `place_change` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `place_change_decided_by_idx` ON `place_change` (`decided_by_id`);--> statement-breakpoint
CREATE INDEX `audit_subject_idx` ON `audit_event` (`subject_type`,`subject_id`);--> statement-breakpoint
CREATE INDEX `audit_action_idx` ON `audit_event` (`action`,`at`);