// Tables of the training area. Owned by $lib/server/training/; other areas call its functions, never these tables.
export {};
