CREATE TABLE `handover_pack_opening` (
	`member_id` integer NOT NULL,
	`authority_id` integer NOT NULL,
	`first_at` integer NOT NULL,
	`last_at` integer NOT NULL,
	PRIMARY KEY(`member_id`, `authority_id`),
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`authority_id`) REFERENCES `authority`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `induction_nudge` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`sent_by_id` integer,
	`sent_at` integer NOT NULL,
	`message` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sent_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `induction_nudge_member_idx` ON `induction_nudge` (`member_id`,`sent_at`);--> statement-breakpoint
CREATE INDEX `induction_nudge_sent_by_idx` ON `induction_nudge` (`sent_by_id`);--> statement-breakpoint
CREATE TABLE `induction_path` (
	`member_id` integer PRIMARY KEY NOT NULL,
	`template_id` integer NOT NULL,
	`started_at` integer NOT NULL,
	`marked_new_at` integer,
	`marked_new_by_id` integer,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`template_id`) REFERENCES `induction_template`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`marked_new_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `induction_path_template_idx` ON `induction_path` (`template_id`);--> statement-breakpoint
CREATE INDEX `induction_path_marked_idx` ON `induction_path` (`marked_new_at`);--> statement-breakpoint
CREATE TABLE `induction_progress` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`step_key` text NOT NULL,
	`status` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `induction_progress_step_uq` ON `induction_progress` (`member_id`,`step_key`);--> statement-breakpoint
CREATE INDEX `induction_progress_at_idx` ON `induction_progress` (`member_id`,`at`);--> statement-breakpoint
CREATE TABLE `induction_region` (
	`region_id` text PRIMARY KEY NOT NULL,
	`introductions_thread_id` integer,
	FOREIGN KEY (`region_id`) REFERENCES `region`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `induction_region_step` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region_id` text NOT NULL,
	`key` text NOT NULL,
	`phase` text NOT NULL,
	`title` text NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`created_by_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `region`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `induction_region_step_key_uq` ON `induction_region_step` (`key`);--> statement-breakpoint
CREATE INDEX `induction_region_step_region_idx` ON `induction_region_step` (`region_id`,`phase`,`id`);--> statement-breakpoint
CREATE TABLE `induction_step` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`template_id` integer NOT NULL,
	`key` text NOT NULL,
	`phase` text NOT NULL,
	`title` text NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`link` text DEFAULT '' NOT NULL,
	`link_text` text DEFAULT '' NOT NULL,
	`rule` text,
	`position` integer NOT NULL,
	FOREIGN KEY (`template_id`) REFERENCES `induction_template`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `induction_step_key_uq` ON `induction_step` (`template_id`,`key`);--> statement-breakpoint
CREATE INDEX `induction_step_phase_idx` ON `induction_step` (`template_id`,`phase`,`position`);--> statement-breakpoint
CREATE TABLE `induction_template` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`created_by_id` integer,
	`created_at` integer NOT NULL,
	`published_by_id` integer,
	`published_at` integer,
	FOREIGN KEY (`created_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`published_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `induction_template_version_uq` ON `induction_template` (`version`);--> statement-breakpoint
CREATE INDEX `induction_template_status_idx` ON `induction_template` (`status`,`version`);