CREATE TABLE `inbound_message` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` text NOT NULL,
	`via` text NOT NULL,
	`received_at` integer NOT NULL,
	`envelope_from` text,
	`recipients` text DEFAULT '[]' NOT NULL,
	`size` integer NOT NULL,
	`raw` blob,
	`from_address` text,
	`subject` text,
	`to_key` text,
	`member_id` integer,
	`outcome` text DEFAULT 'pending' NOT NULL,
	`action` text,
	`reason` text,
	`result_path` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`processed_at` integer,
	`notified_at` integer,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_message_id_uq` ON `inbound_message` (`message_id`);--> statement-breakpoint
CREATE INDEX `inbound_pending_idx` ON `inbound_message` (`outcome`,`received_at`);--> statement-breakpoint
CREATE INDEX `inbound_received_idx` ON `inbound_message` (`received_at`);--> statement-breakpoint
CREATE INDEX `inbound_from_idx` ON `inbound_message` (`from_address`,`notified_at`);--> statement-breakpoint
CREATE TABLE `member_mail_state` (
	`member_id` integer PRIMARY KEY NOT NULL,
	`key_epoch` integer DEFAULT 0 NOT NULL,
	`bounce_score` integer DEFAULT 0 NOT NULL,
	`bouncing_at` integer,
	`bouncing_address` text,
	`last_bounce_at` integer,
	`last_bounce_kind` text,
	`last_bounce_detail` text,
	`last_inbound_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `member_mail_state_bouncing_idx` ON `member_mail_state` (`bouncing_at`);