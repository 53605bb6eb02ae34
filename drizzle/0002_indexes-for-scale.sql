CREATE INDEX `outbox_sent_idx` ON `outbox_message` (`status`,`sent_at`);--> statement-breakpoint
CREATE INDEX `pairing_created_idx` ON `pairing` (`created_at`);