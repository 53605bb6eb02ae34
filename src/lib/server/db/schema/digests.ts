// Tables of the digests area. Owned by $lib/server/digests/; other areas call its functions, never these tables.
export {};
