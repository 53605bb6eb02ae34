ALTER TABLE `training_event` ADD `announced_at` integer;--> statement-breakpoint
CREATE INDEX `training_event_announced_idx` ON `training_event` (`announced_at`);--> statement-breakpoint
ALTER TABLE `training_event_attendance` ADD `reminded_at` integer;--> statement-breakpoint
-- Events published before announcements existed are not announced now, nor reminded of.
UPDATE `training_event` SET `announced_at` = `created_at`;--> statement-breakpoint
UPDATE `training_event_attendance` SET `reminded_at` = `created_at`;
