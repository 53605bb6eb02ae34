// Tables of the succession area. Owned by $lib/server/succession/; other areas call its functions, never these tables.
export {};
