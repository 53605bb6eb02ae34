CREATE TABLE `pairing_action` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pairing_id` integer NOT NULL,
	`meeting_id` integer,
	`text` text NOT NULL,
	`owner` text NOT NULL,
	`due_on` text,
	`status` text DEFAULT 'open' NOT NULL,
	`done_at` integer,
	`done_by_id` integer,
	`created_by_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`pairing_id`) REFERENCES `pairing`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`meeting_id`) REFERENCES `pairing_meeting`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`done_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `pairing_action_pairing_idx` ON `pairing_action` (`pairing_id`,`status`,`due_on`);--> statement-breakpoint
CREATE INDEX `pairing_action_meeting_idx` ON `pairing_action` (`meeting_id`);--> statement-breakpoint
CREATE TABLE `pairing_meeting_revision` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pairing_id` integer NOT NULL,
	`meeting_id` integer NOT NULL,
	`held_on` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`mode` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`actions` text DEFAULT '' NOT NULL,
	`editor_id` integer,
	`replaced_at` integer NOT NULL,
	`reason` text DEFAULT 'edit' NOT NULL,
	FOREIGN KEY (`pairing_id`) REFERENCES `pairing`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`editor_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `pairing_meeting_revision_meeting_idx` ON `pairing_meeting_revision` (`pairing_id`,`meeting_id`,`replaced_at`);--> statement-breakpoint
ALTER TABLE `training_event` ADD `announced_at` integer;--> statement-breakpoint
CREATE INDEX `training_event_announced_idx` ON `training_event` (`announced_at`);--> statement-breakpoint
ALTER TABLE `training_event_attendance` ADD `reminded_at` integer;--> statement-breakpoint
-- Events published before announcements existed are not announced now, nor reminded of.
UPDATE `training_event` SET `announced_at` = `created_at`;--> statement-breakpoint
UPDATE `training_event_attendance` SET `reminded_at` = `created_at`;
