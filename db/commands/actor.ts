// Who makes a change, as every command and its audit row record it.

/** A signed-in user, or a named non-user actor such as "seed" or "cli:root". */
export interface Actor { userId?: number | null; actor?: string | null }
