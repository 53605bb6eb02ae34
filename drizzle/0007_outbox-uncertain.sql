ALTER TABLE `outbox_message` ADD `uncertain_at` integer;--> statement-breakpoint
CREATE INDEX `outbox_uncertain_idx` ON `outbox_message` (`uncertain_at`) WHERE uncertain_at is not null;