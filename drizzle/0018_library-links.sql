CREATE TABLE `post_attachment` (
	`post_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`post_id`, `entry_id`),
	FOREIGN KEY (`post_id`) REFERENCES `post`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entry_id`) REFERENCES `library_entry`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `post_attachment_entry_idx` ON `post_attachment` (`entry_id`);--> statement-breakpoint
CREATE TABLE `checklist_item_document` (
	`item_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	`position` integer NOT NULL,
	`added_by_id` integer,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`item_id`, `entry_id`),
	FOREIGN KEY (`item_id`) REFERENCES `checklist_item`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entry_id`) REFERENCES `library_entry`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`added_by_id`) REFERENCES `member`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `checklist_item_document_entry_idx` ON `checklist_item_document` (`entry_id`);--> statement-breakpoint
CREATE INDEX `checklist_item_document_added_by_idx` ON `checklist_item_document` (`added_by_id`);--> statement-breakpoint
DROP INDEX `library_entry_author_idx`;--> statement-breakpoint
ALTER TABLE `library_entry` ADD `draft` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `library_entry_author_idx` ON `library_entry` (`author_id`,`draft`);--> statement-breakpoint
ALTER TABLE `post_revision` ADD `attachments` text;--> statement-breakpoint
ALTER TABLE `training_entry` ADD `library_entry_id` integer REFERENCES library_entry(id) ON DELETE SET NULL;--> statement-breakpoint
CREATE INDEX `training_entry_library_idx` ON `training_entry` (`library_entry_id`);