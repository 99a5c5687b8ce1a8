// Where a person's name, e-mail or id may stand as text, in one list: the access export searches
// these columns and pseudonymisation rewrites them. A new table with free text about people (a
// note, a signer, a mail) belongs here, or an erased person stays named in it.
export const FREE_TEXT_COLUMNS: readonly [table: string, column: string][] = [
  ["action_plans", "description"],
  ["focus_points", "description"],
  ["action_items", "title"],
  ["action_items", "description"],
  ["action_items", "owner_name"],
  ["action_items", "cancel_reason"],
  ["item_evidence", "note"],
  ["committee_reviews", "attendees"],
  ["committee_reviews", "decisions"],
  ["notifications", "message"],
  ["report_signoffs", "signer_name"],
  ["evidence_files", "file_name"],
  ["apv_problems", "responsible"],
  ["apv_problems", "follow_up_note"],
  ["mail_outbox", "to_address"],
  ["mail_outbox", "subject"],
  ["mail_outbox", "text_body"],
  ["mail_outbox", "html_body"],
];

/** JSON columns that copy values or names: the audit trail's before/after, import errors. */
export const JSON_COLUMNS: readonly [table: string, column: string][] = [
  ["audit_log", "before"],
  ["audit_log", "after"],
  ["import_log", "errors"],
  ["import_log", "warnings"],
];
