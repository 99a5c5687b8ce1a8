// What the name-read log records (no imports: the admin page's form uses it in the browser too).
export const NAME_READ_KINDS = ["caseworker_load", "departure_names", "person_export"] as const;
export type NameReadKind = (typeof NAME_READ_KINDS)[number];
