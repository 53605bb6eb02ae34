// Tables of the discussions area. Owned by $lib/server/discussions/; other areas call its functions, never these tables.
export {};
