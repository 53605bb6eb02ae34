// Tables of the succession area. Owned by $lib/server/succession/; other areas call its functions, never these tables.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { authority, member } from './network';
import { libraryEntry } from './library';
import { templateVersionColumns, templateVersionIndexes } from './template-versions';

/**
 * One version of the checklist template. At most one draft (the admin's working copy) exists
 * at a time; publishing it freezes it. Checklists point at the version they were made from.
 */
export const checklistTemplate = sqliteTable('checklist_template', templateVersionColumns(), (t) => templateVersionIndexes('checklist_template', t));

/** A section of one template version. `key` is stable across versions. */
export const templateSection = sqliteTable(
	'template_section',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		templateId: integer('template_id')
			.notNull()
			.references(() => checklistTemplate.id, { onDelete: 'cascade' }),
		key: text('key').notNull(),
		title: text('title').notNull(),
		position: integer('position').notNull()
	},
	(t) => [uniqueIndex('template_section_key_uq').on(t.templateId, t.key), index('template_section_position_idx').on(t.templateId, t.position)]
);

/**
 * An item of one template version. `key` is the item's identity across versions: an upgrade
 * carries a checklist's answer over to the item with the same key.
 */
export const templateItem = sqliteTable(
	'template_item',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		templateId: integer('template_id')
			.notNull()
			.references(() => checklistTemplate.id, { onDelete: 'cascade' }),
		sectionId: integer('section_id')
			.notNull()
			.references(() => templateSection.id, { onDelete: 'cascade' }),
		key: text('key').notNull(),
		title: text('title').notNull(),
		guidance: text('guidance').notNull().default(''),
		/** 1–10: how much the item counts towards the readiness score. */
		weight: integer('weight').notNull().default(1),
		position: integer('position').notNull()
	},
	(t) => [
		uniqueIndex('template_item_key_uq').on(t.templateId, t.key),
		index('template_item_section_idx').on(t.sectionId, t.position),
		index('template_item_key_idx').on(t.key)
	]
);

/** One live checklist per authority, on one template version, with the next election date. */
export const checklist = sqliteTable(
	'checklist',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		authorityId: integer('authority_id')
			.notNull()
			.references(() => authority.id),
		templateId: integer('template_id')
			.notNull()
			.references(() => checklistTemplate.id),
		/** 'YYYY-MM-DD', the authority's next election (null = not known). */
		electionDate: text('election_date'),
		electionSetById: integer('election_set_by_id').references(() => member.id, { onDelete: 'set null' }),
		electionSetAt: integer('election_set_at'),
		createdAt: integer('created_at').notNull(),
		/** The last change to any item, the election date or the version (null until the first change). */
		updatedAt: integer('updated_at'),
		updatedById: integer('updated_by_id').references(() => member.id, { onDelete: 'set null' })
	},
	(t) => [
		uniqueIndex('checklist_authority_uq').on(t.authorityId),
		index('checklist_template_idx').on(t.templateId),
		index('checklist_election_idx').on(t.electionDate),
		index('checklist_updated_idx').on(t.updatedAt)
	]
);

/** An authority's answer to one template item. `version` guards against lost updates. */
export const checklistItem = sqliteTable(
	'checklist_item',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		checklistId: integer('checklist_id')
			.notNull()
			.references(() => checklist.id, { onDelete: 'cascade' }),
		itemKey: text('item_key').notNull(),
		templateItemId: integer('template_item_id')
			.notNull()
			.references(() => templateItem.id),
		status: text('status', { enum: ['not-started', 'in-progress', 'done', 'not-applicable'] })
			.notNull()
			.default('not-started'),
		/** The owner is a member of the authority … */
		ownerMemberId: integer('owner_member_id').references(() => member.id, { onDelete: 'set null' }),
		/** … or a name typed in (an officer, someone not in the network). */
		ownerName: text('owner_name').notNull().default(''),
		/** 'YYYY-MM-DD' */
		dueDate: text('due_date'),
		note: text('note').notNull().default(''),
		/** Why the item does not apply (required, at least a sentence, while the status is not-applicable; shown to the coordinator). */
		naReason: text('na_reason').notNull().default(''),
		/** Incremented on every save; a save carrying an older number is refused as a conflict. */
		version: integer('version').notNull().default(1),
		updatedAt: integer('updated_at').notNull(),
		updatedById: integer('updated_by_id').references(() => member.id, { onDelete: 'set null' })
	},
	(t) => [
		uniqueIndex('checklist_item_key_uq').on(t.checklistId, t.itemKey),
		index('checklist_item_status_idx').on(t.checklistId, t.status),
		index('checklist_item_due_idx').on(t.dueDate),
		index('checklist_item_owner_idx').on(t.ownerMemberId),
		index('checklist_item_updated_by_idx').on(t.updatedById)
	]
);

/**
 * A library document of the authority linked to a checklist item (the corporate parenting
 * strategy on "Corporate parenting arrangements"), shown on the item and in the handover pack.
 * The entry belongs to the library area (read through its functions); a deleted one drops off.
 */
export const checklistItemDocument = sqliteTable(
	'checklist_item_document',
	{
		itemId: integer('item_id')
			.notNull()
			.references(() => checklistItem.id, { onDelete: 'cascade' }),
		entryId: integer('entry_id')
			.notNull()
			.references(() => libraryEntry.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		addedById: integer('added_by_id').references(() => member.id, { onDelete: 'set null' }),
		addedAt: integer('added_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.itemId, t.entryId] }), index('checklist_item_document_entry_idx').on(t.entryId), index('checklist_item_document_added_by_idx').on(t.addedById)]
);

/**
 * Every change to a checklist: who, when, which field, from what, to what. For the owner
 * field the values are `m:<member id>`, `n:<name>` or ''; dates are 'YYYY-MM-DD'.
 */
export const checklistChange = sqliteTable(
	'checklist_change',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		checklistId: integer('checklist_id')
			.notNull()
			.references(() => checklist.id, { onDelete: 'cascade' }),
		/** null for changes to the checklist itself (election date, template version). */
		itemKey: text('item_key'),
		itemTitle: text('item_title').notNull().default(''),
		/** `naReason`: the reason an item does not apply; `reopened`: a coordinator sent a not-applicable item back to do (from = the reason, to = their note). */
		field: text('field', { enum: ['status', 'owner', 'dueDate', 'note', 'naReason', 'reopened', 'election', 'version', 'added', 'removed', 'documents'] }).notNull(),
		fromValue: text('from_value').notNull().default(''),
		toValue: text('to_value').notNull().default(''),
		changedById: integer('changed_by_id').references(() => member.id, { onDelete: 'set null' }),
		at: integer('at').notNull()
	},
	(t) => [
		index('checklist_change_checklist_idx').on(t.checklistId, t.id),
		index('checklist_change_item_idx').on(t.checklistId, t.itemKey, t.id),
		index('checklist_change_at_idx').on(t.at),
		index('checklist_change_by_idx').on(t.changedById)
	]
);

/** A coordinator's reminder to an authority's members: at most one per authority per day. */
export const successionReminder = sqliteTable(
	'succession_reminder',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		authorityId: integer('authority_id')
			.notNull()
			.references(() => authority.id),
		/** London date 'YYYY-MM-DD' the reminder was sent on. */
		day: text('day').notNull(),
		sentById: integer('sent_by_id').references(() => member.id, { onDelete: 'set null' }),
		sentAt: integer('sent_at').notNull(),
		recipientCount: integer('recipient_count').notNull(),
		openItemCount: integer('open_item_count').notNull(),
		message: text('message').notNull().default('')
	},
	(t) => [
		uniqueIndex('succession_reminder_day_uq').on(t.authorityId, t.day),
		index('succession_reminder_sent_by_idx').on(t.sentById),
		index('succession_reminder_sent_at_idx').on(t.sentAt)
	]
);

/** Who opened an authority's printable handover pack, and when first and last (a new Lead Member reading their predecessor's pack). */
export const handoverPackOpening = sqliteTable(
	'handover_pack_opening',
	{
		memberId: integer('member_id')
			.notNull()
			.references(() => member.id, { onDelete: 'cascade' }),
		authorityId: integer('authority_id')
			.notNull()
			.references(() => authority.id),
		firstAt: integer('first_at').notNull(),
		lastAt: integer('last_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.memberId, t.authorityId] })]
);

export type ChecklistTemplate = typeof checklistTemplate.$inferSelect;
export type TemplateSection = typeof templateSection.$inferSelect;
export type TemplateItem = typeof templateItem.$inferSelect;
export type Checklist = typeof checklist.$inferSelect;
export type ChecklistItem = typeof checklistItem.$inferSelect;
export type ChecklistChange = typeof checklistChange.$inferSelect;
export type SuccessionReminder = typeof successionReminder.$inferSelect;
