CREATE TABLE `authority` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ons_code` text NOT NULL,
	`dfe_code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`region_id` text NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `region`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `authority_ons_code_uq` ON `authority` (`ons_code`);--> statement-breakpoint
CREATE INDEX `authority_region_idx` ON `authority` (`region_id`,`name`);--> statement-breakpoint
CREATE TABLE `invite` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`authority_id` integer NOT NULL,
	`position` text NOT NULL,
	`token_hash` text NOT NULL,
	`invited_by_id` integer,
	`join_request_id` integer,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`revoked_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`authority_id`) REFERENCES `authority`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invited_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`join_request_id`) REFERENCES `join_request`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invite_token_uq` ON `invite` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invite_email_idx` ON `invite` (`email`);--> statement-breakpoint
CREATE TABLE `join_request` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`authority_id` integer NOT NULL,
	`position` text NOT NULL,
	`message` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_by_id` integer,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`authority_id`) REFERENCES `authority`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `join_request_status_idx` ON `join_request` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `join_request_authority_idx` ON `join_request` (`authority_id`);--> statement-breakpoint
CREATE TABLE `member` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`handle` text NOT NULL,
	`password_hash` text,
	`authority_id` integer NOT NULL,
	`position` text NOT NULL,
	`party` text,
	`in_role_since` text,
	`background` text DEFAULT '' NOT NULL,
	`expertise` text DEFAULT '[]' NOT NULL,
	`bio` text DEFAULT '' NOT NULL,
	`role` text DEFAULT 'member' NOT NULL,
	`coordinator_region_id` text,
	`deactivated_at` integer,
	`last_sign_in_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`authority_id`) REFERENCES `authority`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`coordinator_region_id`) REFERENCES `region`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `member_email_uq` ON `member` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `member_handle_uq` ON `member` (`handle`);--> statement-breakpoint
CREATE INDEX `member_authority_idx` ON `member` (`authority_id`);--> statement-breakpoint
CREATE INDEX `member_name_idx` ON `member` (`name`);--> statement-breakpoint
CREATE INDEX `member_role_idx` ON `member` (`role`,`coordinator_region_id`);--> statement-breakpoint
CREATE INDEX `member_in_role_idx` ON `member` (`in_role_since`);--> statement-breakpoint
CREATE TABLE `region` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`subject_type` text,
	`subject_id` text,
	`region_id` text,
	`ip_address` text DEFAULT '' NOT NULL,
	`detail` text,
	FOREIGN KEY (`actor_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`region_id`) REFERENCES `region`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_event` (`at`);--> statement-breakpoint
CREATE INDEX `audit_region_idx` ON `audit_event` (`region_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_actor_idx` ON `audit_event` (`actor_id`,`at`);--> statement-breakpoint
CREATE TABLE `email_token` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`token_hash` text NOT NULL,
	`member_id` integer NOT NULL,
	`email` text,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_token_hash_uq` ON `email_token` (`token_hash`);--> statement-breakpoint
CREATE INDEX `email_token_member_idx` ON `email_token` (`member_id`,`kind`);--> statement-breakpoint
CREATE TABLE `rate_limit_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rate_limit_key_at_idx` ON `rate_limit_event` (`key`,`at`);--> statement-breakpoint
CREATE TABLE `session` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` blob NOT NULL,
	`member_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`user_agent` text DEFAULT '' NOT NULL,
	`ip_address` text DEFAULT '' NOT NULL,
	`mfa_verified_at` integer,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `session_member_idx` ON `session` (`member_id`);--> statement-breakpoint
CREATE INDEX `session_expires_idx` ON `session` (`expires_at`);--> statement-breakpoint
CREATE TABLE `email_preference` (
	`member_id` integer PRIMARY KEY NOT NULL,
	`digest_frequency` text DEFAULT 'weekly' NOT NULL,
	`digest_weekday` integer DEFAULT 1 NOT NULL,
	`digest_hour` integer DEFAULT 7 NOT NULL,
	`regional_digest` integer DEFAULT true NOT NULL,
	`notifications` text DEFAULT '{}' NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `outbox_message` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`idempotency_key` text NOT NULL,
	`kind` text NOT NULL,
	`recipient_id` integer,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text NOT NULL,
	`headers` text,
	`ical_event` text,
	`batch_key` text,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`claimed_by` text,
	`lease_until` integer,
	`last_error` text,
	`smtp_response` text,
	`message_id` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	`failed_at` integer,
	FOREIGN KEY (`recipient_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_idempotency_uq` ON `outbox_message` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox_message` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_recipient_idx` ON `outbox_message` (`recipient_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `outbox_batch_idx` ON `outbox_message` (`batch_key`,`status`);--> statement-breakpoint
CREATE TABLE `training_entry` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`title` text NOT NULL,
	`provider` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`topics` text DEFAULT '[]' NOT NULL,
	`minutes` integer NOT NULL,
	`reflection` text DEFAULT '' NOT NULL,
	`link` text DEFAULT '' NOT NULL,
	`event_id` integer,
	`source_key` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `training_event`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `training_entry_member_date_idx` ON `training_entry` (`member_id`,`start_date`);--> statement-breakpoint
CREATE INDEX `training_entry_member_kind_idx` ON `training_entry` (`member_id`,`kind`,`start_date`);--> statement-breakpoint
CREATE INDEX `training_entry_end_date_idx` ON `training_entry` (`end_date`);--> statement-breakpoint
CREATE INDEX `training_entry_event_idx` ON `training_entry` (`event_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `training_entry_source_uq` ON `training_entry` (`member_id`,`source_key`);--> statement-breakpoint
CREATE TABLE `training_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region_id` text,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`location` text DEFAULT '' NOT NULL,
	`online_url` text DEFAULT '' NOT NULL,
	`provider` text DEFAULT '' NOT NULL,
	`topics` text DEFAULT '[]' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`description_html` text DEFAULT '' NOT NULL,
	`created_by_id` integer,
	`cancelled_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `region`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `training_event_region_starts_idx` ON `training_event` (`region_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `training_event_starts_idx` ON `training_event` (`starts_at`);--> statement-breakpoint
CREATE INDEX `training_event_created_idx` ON `training_event` (`created_at`);--> statement-breakpoint
CREATE INDEX `training_event_creator_idx` ON `training_event` (`created_by_id`);--> statement-breakpoint
CREATE TABLE `training_event_attendance` (
	`event_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`event_id`, `member_id`),
	FOREIGN KEY (`event_id`) REFERENCES `training_event`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `training_event_attendance_member_idx` ON `training_event_attendance` (`member_id`);--> statement-breakpoint
CREATE TABLE `training_sharing` (
	`member_id` integer PRIMARY KEY NOT NULL,
	`mentor_id` integer NOT NULL,
	`shared_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`mentor_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `training_sharing_mentor_idx` ON `training_sharing` (`mentor_id`);