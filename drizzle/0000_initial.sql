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
CREATE TABLE `category` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`topics` text DEFAULT '[]' NOT NULL,
	`sort_order` integer NOT NULL,
	`archived_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `category_slug_uq` ON `category` (`slug`);--> statement-breakpoint
CREATE INDEX `category_order_idx` ON `category` (`sort_order`);--> statement-breakpoint
CREATE TABLE `notification` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`kind` text NOT NULL,
	`thread_id` integer NOT NULL,
	`post_id` integer,
	`actor_id` integer,
	`detail` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`thread_id`) REFERENCES `thread`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`post_id`) REFERENCES `post`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `notification_member_idx` ON `notification` (`member_id`,`id`);--> statement-breakpoint
CREATE INDEX `notification_unread_idx` ON `notification` (`member_id`,`read_at`);--> statement-breakpoint
CREATE INDEX `notification_member_created_idx` ON `notification` (`member_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `notification_once_uq` ON `notification` (`member_id`,`kind`,`thread_id`,`post_id`);--> statement-breakpoint
CREATE INDEX `notification_thread_idx` ON `notification` (`thread_id`);--> statement-breakpoint
CREATE INDEX `notification_post_idx` ON `notification` (`post_id`);--> statement-breakpoint
CREATE INDEX `notification_actor_idx` ON `notification` (`actor_id`);--> statement-breakpoint
CREATE TABLE `post` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`thread_id` integer NOT NULL,
	`number` integer NOT NULL,
	`author_id` integer,
	`title` text DEFAULT '' NOT NULL,
	`body` text NOT NULL,
	`html` text NOT NULL,
	`plain` text NOT NULL,
	`reply_to_post_id` integer,
	`created_at` integer NOT NULL,
	`edited_at` integer,
	`edit_count` integer DEFAULT 0 NOT NULL,
	`deleted_at` integer,
	`hidden_at` integer,
	`hidden_by_id` integer,
	`hidden_reason` text,
	FOREIGN KEY (`thread_id`) REFERENCES `thread`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`hidden_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `post_thread_number_uq` ON `post` (`thread_id`,`number`);--> statement-breakpoint
CREATE INDEX `post_author_idx` ON `post` (`author_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `post_created_idx` ON `post` (`created_at`);--> statement-breakpoint
CREATE TABLE `post_report` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`post_id` integer NOT NULL,
	`region_id` text,
	`reporter_id` integer,
	`reason` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	`resolved_by_id` integer,
	`resolution` text,
	FOREIGN KEY (`post_id`) REFERENCES `post`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`region_id`) REFERENCES `region`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reporter_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`resolved_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `post_report_open_idx` ON `post_report` (`resolved_at`,`region_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `post_report_post_idx` ON `post_report` (`post_id`);--> statement-breakpoint
CREATE INDEX `post_report_reporter_idx` ON `post_report` (`reporter_id`);--> statement-breakpoint
CREATE TABLE `post_revision` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`post_id` integer NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`body` text NOT NULL,
	`editor_id` integer,
	`replaced_at` integer NOT NULL,
	`reason` text DEFAULT 'edit' NOT NULL,
	FOREIGN KEY (`post_id`) REFERENCES `post`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`editor_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `post_revision_post_idx` ON `post_revision` (`post_id`,`replaced_at`);--> statement-breakpoint
CREATE TABLE `thread` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`category_id` integer NOT NULL,
	`region_id` text,
	`author_id` integer,
	`is_question` integer DEFAULT false NOT NULL,
	`accepted_post_id` integer,
	`accepted_by_id` integer,
	`accepted_at` integer,
	`pinned_at` integer,
	`locked_at` integer,
	`locked_by_id` integer,
	`post_count` integer DEFAULT 0 NOT NULL,
	`last_post_at` integer NOT NULL,
	`last_poster_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `category`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `region`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`accepted_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`locked_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`last_poster_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `thread_activity_idx` ON `thread` (`last_post_at`,`id`);--> statement-breakpoint
CREATE INDEX `thread_category_activity_idx` ON `thread` (`category_id`,`last_post_at`,`id`);--> statement-breakpoint
CREATE INDEX `thread_region_activity_idx` ON `thread` (`region_id`,`last_post_at`,`id`);--> statement-breakpoint
CREATE INDEX `thread_unanswered_idx` ON `thread` (`is_question`,`accepted_post_id`,`last_post_at`,`id`);--> statement-breakpoint
CREATE INDEX `thread_author_activity_idx` ON `thread` (`author_id`,`last_post_at`,`id`);--> statement-breakpoint
CREATE INDEX `thread_category_pinned_idx` ON `thread` (`category_id`,`pinned_at`);--> statement-breakpoint
CREATE INDEX `thread_created_idx` ON `thread` (`created_at`);--> statement-breakpoint
CREATE TABLE `thread_follow` (
	`member_id` integer NOT NULL,
	`thread_id` integer NOT NULL,
	`following` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`member_id`, `thread_id`),
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`thread_id`) REFERENCES `thread`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `thread_follow_thread_idx` ON `thread_follow` (`thread_id`,`following`);--> statement-breakpoint
CREATE TABLE `thread_read` (
	`member_id` integer NOT NULL,
	`thread_id` integer NOT NULL,
	`last_read_number` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`member_id`, `thread_id`),
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`thread_id`) REFERENCES `thread`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `thread_read_thread_idx` ON `thread_read` (`thread_id`);--> statement-breakpoint
CREATE TABLE `match_adjustment` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`mentor_id` integer NOT NULL,
	`kind` text NOT NULL,
	`by_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `mentor_request`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`mentor_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `match_adjustment_pair_uq` ON `match_adjustment` (`request_id`,`mentor_id`);--> statement-breakpoint
CREATE TABLE `mentor_offer` (
	`member_id` integer PRIMARY KEY NOT NULL,
	`capacity` integer NOT NULL,
	`expertise` text DEFAULT '[]' NOT NULL,
	`availability` text DEFAULT '' NOT NULL,
	`region_scope` text DEFAULT 'both' NOT NULL,
	`meeting_modes` text DEFAULT '[]' NOT NULL,
	`open` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mentor_offer_open_idx` ON `mentor_offer` (`open`);--> statement-breakpoint
CREATE TABLE `mentor_request` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`region_id` text NOT NULL,
	`goals` text NOT NULL,
	`focus_topics` text DEFAULT '[]' NOT NULL,
	`region_pref` text DEFAULT 'any' NOT NULL,
	`party_pref` text DEFAULT 'any' NOT NULL,
	`kind_pref` text DEFAULT 'any' NOT NULL,
	`meeting_modes` text DEFAULT '[]' NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`matched_at` integer,
	`withdrawn_at` integer,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`region_id`) REFERENCES `region`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mentor_request_status_idx` ON `mentor_request` (`status`,`region_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `mentor_request_member_idx` ON `mentor_request` (`member_id`,`status`);--> statement-breakpoint
CREATE TABLE `mentoring_proposal` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`mentor_id` integer NOT NULL,
	`mentee_id` integer NOT NULL,
	`region_id` text NOT NULL,
	`score` integer NOT NULL,
	`explanation` text NOT NULL,
	`status` text DEFAULT 'awaiting' NOT NULL,
	`mentor_answer` text,
	`mentor_reason` text DEFAULT '' NOT NULL,
	`mentor_answered_at` integer,
	`mentee_answer` text,
	`mentee_reason` text DEFAULT '' NOT NULL,
	`mentee_answered_at` integer,
	`confirmed_by_id` integer,
	`created_at` integer NOT NULL,
	`decided_at` integer,
	FOREIGN KEY (`request_id`) REFERENCES `mentor_request`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`mentor_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`mentee_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`region_id`) REFERENCES `region`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`confirmed_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `mentoring_proposal_mentor_idx` ON `mentoring_proposal` (`mentor_id`,`status`);--> statement-breakpoint
CREATE INDEX `mentoring_proposal_mentee_idx` ON `mentoring_proposal` (`mentee_id`,`status`);--> statement-breakpoint
CREATE INDEX `mentoring_proposal_region_idx` ON `mentoring_proposal` (`status`,`region_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `mentoring_proposal_request_idx` ON `mentoring_proposal` (`request_id`);--> statement-breakpoint
CREATE TABLE `pairing` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer,
	`proposal_id` integer,
	`mentor_id` integer,
	`mentee_id` integer,
	`region_id` text NOT NULL,
	`rhythm_weeks` integer DEFAULT 4 NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`closed_at` integer,
	`closed_by_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `mentor_request`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`proposal_id`) REFERENCES `mentoring_proposal`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`mentor_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`mentee_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`region_id`) REFERENCES `region`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `pairing_mentor_idx` ON `pairing` (`mentor_id`,`status`);--> statement-breakpoint
CREATE INDEX `pairing_mentee_idx` ON `pairing` (`mentee_id`,`status`);--> statement-breakpoint
CREATE INDEX `pairing_region_idx` ON `pairing` (`region_id`,`status`);--> statement-breakpoint
CREATE INDEX `pairing_status_idx` ON `pairing` (`status`,`ends_on`);--> statement-breakpoint
CREATE TABLE `pairing_booking` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pairing_id` integer NOT NULL,
	`uid` text NOT NULL,
	`sequence` integer DEFAULT 0 NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`mode` text NOT NULL,
	`location` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'booked' NOT NULL,
	`booked_by_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`pairing_id`) REFERENCES `pairing`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`booked_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pairing_booking_uid_uq` ON `pairing_booking` (`uid`);--> statement-breakpoint
CREATE INDEX `pairing_booking_pairing_idx` ON `pairing_booking` (`pairing_id`,`status`);--> statement-breakpoint
CREATE INDEX `pairing_booking_starts_idx` ON `pairing_booking` (`status`,`starts_at`);--> statement-breakpoint
CREATE TABLE `pairing_feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pairing_id` integer NOT NULL,
	`side` text NOT NULL,
	`member_id` integer,
	`rating` integer NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`pairing_id`) REFERENCES `pairing`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pairing_feedback_side_uq` ON `pairing_feedback` (`pairing_id`,`side`);--> statement-breakpoint
CREATE TABLE `pairing_goal` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pairing_id` integer NOT NULL,
	`text` text NOT NULL,
	`status` text DEFAULT 'not-started' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`pairing_id`) REFERENCES `pairing`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pairing_goal_pairing_idx` ON `pairing_goal` (`pairing_id`,`id`);--> statement-breakpoint
CREATE TABLE `pairing_meeting` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pairing_id` integer NOT NULL,
	`held_on` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`mode` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`actions` text DEFAULT '' NOT NULL,
	`logged_by_id` integer,
	`added_to_training_log` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`pairing_id`) REFERENCES `pairing`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`logged_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `pairing_meeting_pairing_idx` ON `pairing_meeting` (`pairing_id`,`held_on`);--> statement-breakpoint
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
CREATE INDEX `training_sharing_mentor_idx` ON `training_sharing` (`mentor_id`);--> statement-breakpoint
CREATE TABLE `checklist` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`authority_id` integer NOT NULL,
	`template_id` integer NOT NULL,
	`election_date` text,
	`election_set_by_id` integer,
	`election_set_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	`updated_by_id` integer,
	FOREIGN KEY (`authority_id`) REFERENCES `authority`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`template_id`) REFERENCES `checklist_template`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`election_set_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`updated_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checklist_authority_uq` ON `checklist` (`authority_id`);--> statement-breakpoint
CREATE INDEX `checklist_template_idx` ON `checklist` (`template_id`);--> statement-breakpoint
CREATE INDEX `checklist_election_idx` ON `checklist` (`election_date`);--> statement-breakpoint
CREATE INDEX `checklist_updated_idx` ON `checklist` (`updated_at`);--> statement-breakpoint
CREATE TABLE `checklist_change` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`checklist_id` integer NOT NULL,
	`item_key` text,
	`item_title` text DEFAULT '' NOT NULL,
	`field` text NOT NULL,
	`from_value` text DEFAULT '' NOT NULL,
	`to_value` text DEFAULT '' NOT NULL,
	`changed_by_id` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`checklist_id`) REFERENCES `checklist`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `checklist_change_checklist_idx` ON `checklist_change` (`checklist_id`,`id`);--> statement-breakpoint
CREATE INDEX `checklist_change_item_idx` ON `checklist_change` (`checklist_id`,`item_key`,`id`);--> statement-breakpoint
CREATE INDEX `checklist_change_at_idx` ON `checklist_change` (`at`);--> statement-breakpoint
CREATE INDEX `checklist_change_by_idx` ON `checklist_change` (`changed_by_id`);--> statement-breakpoint
CREATE TABLE `checklist_item` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`checklist_id` integer NOT NULL,
	`item_key` text NOT NULL,
	`template_item_id` integer NOT NULL,
	`status` text DEFAULT 'not-started' NOT NULL,
	`owner_member_id` integer,
	`owner_name` text DEFAULT '' NOT NULL,
	`due_date` text,
	`note` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by_id` integer,
	FOREIGN KEY (`checklist_id`) REFERENCES `checklist`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`template_item_id`) REFERENCES `template_item`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`updated_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checklist_item_key_uq` ON `checklist_item` (`checklist_id`,`item_key`);--> statement-breakpoint
CREATE INDEX `checklist_item_status_idx` ON `checklist_item` (`checklist_id`,`status`);--> statement-breakpoint
CREATE INDEX `checklist_item_due_idx` ON `checklist_item` (`due_date`);--> statement-breakpoint
CREATE INDEX `checklist_item_owner_idx` ON `checklist_item` (`owner_member_id`);--> statement-breakpoint
CREATE INDEX `checklist_item_updated_by_idx` ON `checklist_item` (`updated_by_id`);--> statement-breakpoint
CREATE TABLE `checklist_template` (
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
CREATE UNIQUE INDEX `checklist_template_version_uq` ON `checklist_template` (`version`);--> statement-breakpoint
CREATE INDEX `checklist_template_status_idx` ON `checklist_template` (`status`,`version`);--> statement-breakpoint
CREATE TABLE `succession_reminder` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`authority_id` integer NOT NULL,
	`day` text NOT NULL,
	`sent_by_id` integer,
	`sent_at` integer NOT NULL,
	`recipient_count` integer NOT NULL,
	`open_item_count` integer NOT NULL,
	`message` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`authority_id`) REFERENCES `authority`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sent_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `succession_reminder_day_uq` ON `succession_reminder` (`authority_id`,`day`);--> statement-breakpoint
CREATE INDEX `succession_reminder_sent_by_idx` ON `succession_reminder` (`sent_by_id`);--> statement-breakpoint
CREATE INDEX `succession_reminder_sent_at_idx` ON `succession_reminder` (`sent_at`);--> statement-breakpoint
CREATE TABLE `template_item` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`template_id` integer NOT NULL,
	`section_id` integer NOT NULL,
	`key` text NOT NULL,
	`title` text NOT NULL,
	`guidance` text DEFAULT '' NOT NULL,
	`weight` integer DEFAULT 1 NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`template_id`) REFERENCES `checklist_template`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`section_id`) REFERENCES `template_section`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `template_item_key_uq` ON `template_item` (`template_id`,`key`);--> statement-breakpoint
CREATE INDEX `template_item_section_idx` ON `template_item` (`section_id`,`position`);--> statement-breakpoint
CREATE INDEX `template_item_key_idx` ON `template_item` (`key`);--> statement-breakpoint
CREATE TABLE `template_section` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`template_id` integer NOT NULL,
	`key` text NOT NULL,
	`title` text NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`template_id`) REFERENCES `checklist_template`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `template_section_key_uq` ON `template_section` (`template_id`,`key`);--> statement-breakpoint
CREATE INDEX `template_section_position_idx` ON `template_section` (`template_id`,`position`);--> statement-breakpoint
CREATE TABLE `digest_setting` (
	`key` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `personal_digest_run` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`period_key` text NOT NULL,
	`due_at` integer NOT NULL,
	`covers_from` integer NOT NULL,
	`covers_until` integer NOT NULL,
	`outcome` text NOT NULL,
	`item_count` integer DEFAULT 0 NOT NULL,
	`outbox_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `personal_digest_run_period_uq` ON `personal_digest_run` (`member_id`,`period_key`);--> statement-breakpoint
CREATE INDEX `personal_digest_run_member_idx` ON `personal_digest_run` (`member_id`,`due_at`);--> statement-breakpoint
CREATE TABLE `personal_digest_state` (
	`member_id` integer PRIMARY KEY NOT NULL,
	`last_due_at` integer NOT NULL,
	`last_period_key` text,
	`covered_until` integer NOT NULL,
	`last_sent_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `regional_digest` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region_id` text,
	`title` text NOT NULL,
	`intro` text DEFAULT '' NOT NULL,
	`intro_html` text DEFAULT '' NOT NULL,
	`intro_text` text DEFAULT '' NOT NULL,
	`sections` text NOT NULL,
	`covers_from` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`scheduled_for` integer,
	`scheduled_by_id` integer,
	`sent_at` integer,
	`sent_by_id` integer,
	`recipient_count` integer DEFAULT 0 NOT NULL,
	`created_by_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `region`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`scheduled_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`sent_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `regional_digest_region_idx` ON `regional_digest` (`region_id`,`status`,`sent_at`);--> statement-breakpoint
CREATE INDEX `regional_digest_status_idx` ON `regional_digest` (`status`,`scheduled_for`);--> statement-breakpoint
CREATE INDEX `regional_digest_sent_idx` ON `regional_digest` (`status`,`sent_at`);--> statement-breakpoint
CREATE TABLE `recovery_code` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`code_hash` text NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `recovery_code_member_idx` ON `recovery_code` (`member_id`,`used_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `recovery_code_hash_uq` ON `recovery_code` (`member_id`,`code_hash`);--> statement-breakpoint
CREATE TABLE `session_reauth` (
	`session_id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `session`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `trusted_device` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` blob NOT NULL,
	`member_id` integer NOT NULL,
	`user_agent` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `trusted_device_member_idx` ON `trusted_device` (`member_id`);--> statement-breakpoint
CREATE INDEX `trusted_device_expires_idx` ON `trusted_device` (`expires_at`);--> statement-breakpoint
CREATE TABLE `two_factor` (
	`member_id` integer PRIMARY KEY NOT NULL,
	`key` blob,
	`enabled_at` integer,
	`last_used_step` integer,
	`pending_key` blob,
	`pending_created_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade
);
