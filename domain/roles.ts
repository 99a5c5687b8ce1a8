// The roles a user can hold, each scoped to a unit subtree. One list: the schema's check constraint,
// the SSO claim mapping and the pages' menus all read it from here.
export const USER_ROLES = ["admin", "hr", "director", "med", "manager"] as const;
export type UserRole = (typeof USER_ROLES)[number];
