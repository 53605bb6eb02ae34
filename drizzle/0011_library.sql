CREATE TABLE `library_entry` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`summary_html` text NOT NULL,
	`case_study` text,
	`case_study_html` text,
	`plain` text DEFAULT '' NOT NULL,
	`topics` text DEFAULT '[]' NOT NULL,
	`authority_id` integer NOT NULL,
	`region_id` text,
	`review_by` text,
	`author_id` integer,
	`useful_count` integer DEFAULT 0 NOT NULL,
	`hidden_at` integer,
	`hidden_by_id` integer,
	`hidden_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`authority_id`) REFERENCES `authority`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `region`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`hidden_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `library_entry_created_idx` ON `library_entry` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `library_entry_useful_idx` ON `library_entry` (`useful_count`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `library_entry_region_idx` ON `library_entry` (`region_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `library_entry_authority_idx` ON `library_entry` (`authority_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `library_entry_kind_idx` ON `library_entry` (`kind`,`created_at`);--> statement-breakpoint
CREATE INDEX `library_entry_author_idx` ON `library_entry` (`author_id`);--> statement-breakpoint
CREATE TABLE `library_file` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_id` integer NOT NULL,
	`latest` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `library_entry`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `library_file_entry_idx` ON `library_file` (`entry_id`);--> statement-breakpoint
CREATE TABLE `library_report` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_id` integer NOT NULL,
	`reporter_id` integer,
	`reason` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	FOREIGN KEY (`entry_id`) REFERENCES `library_entry`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reporter_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `library_report_open_idx` ON `library_report` (`resolved_at`,`entry_id`);--> statement-breakpoint
CREATE TABLE `library_text` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_id` integer NOT NULL,
	`version_id` integer,
	`page` integer DEFAULT 0 NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `library_entry`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`version_id`) REFERENCES `library_version`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `library_text_entry_idx` ON `library_text` (`entry_id`);--> statement-breakpoint
CREATE INDEX `library_text_version_idx` ON `library_text` (`version_id`);--> statement-breakpoint
CREATE TABLE `library_text_job` (
	`version_id` integer PRIMARY KEY NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`run_after` integer NOT NULL,
	`lease_until` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `library_version`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `library_text_job_due_idx` ON `library_text_job` (`run_after`);--> statement-breakpoint
CREATE TABLE `library_useful` (
	`entry_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`entry_id`, `member_id`),
	FOREIGN KEY (`entry_id`) REFERENCES `library_entry`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `library_version` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_id` integer NOT NULL,
	`number` integer NOT NULL,
	`hash` text NOT NULL,
	`name` text NOT NULL,
	`size` integer NOT NULL,
	`kind` text NOT NULL,
	`uploaded_by_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`file_id`) REFERENCES `library_file`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`hash`) REFERENCES `stored_file`(`hash`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `library_version_file_idx` ON `library_version` (`file_id`,`number`);--> statement-breakpoint
CREATE INDEX `library_version_uploader_idx` ON `library_version` (`uploaded_by_id`);--> statement-breakpoint
CREATE INDEX `library_version_hash_idx` ON `library_version` (`hash`);