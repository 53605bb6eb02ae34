CREATE TABLE `stored_file` (
	`hash` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`kind` text NOT NULL,
	`mime` text NOT NULL,
	`active_content` integer DEFAULT false NOT NULL,
	`refs` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `stored_file_unreferenced_idx` ON `stored_file` (`refs`,`updated_at`);