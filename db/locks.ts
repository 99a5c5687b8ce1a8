// Advisory lock keys shared by the writers that must not interleave. One place, so two modules can
// never pick the same number by accident, and the aggregation can wait for imports by name.

/** Imports: `pg_advisory_xact_lock(IMPORT_LOCK, kind index in IMPORT_KINDS)`, one import per kind. */
export const IMPORT_LOCK = 727_301;

/** Recomputations of the rollups, one at a time: two would race on delete-then-insert. */
export const AGGREGATION_LOCK = 726_354_001;
