// Tables of the mentoring area. Owned by $lib/server/mentoring/; other areas call its functions, never these tables.
export {};
