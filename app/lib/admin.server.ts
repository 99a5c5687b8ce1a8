// The administration pages reach db/ through here only, so postgres.js stays out of the browser bundle.
export { createUser, updateProfile, deactivate, reactivate, setPassword, setRoles, PASSWORD_MIN_LENGTH, ORG_WIDE_ROLES, type RoleGrantInput } from "../../db/commands/users";
export { listUsers, getUser, grantPickers, type UserListRow } from "../../db/presenters/users";
export { InputError } from "../../db/commands/input-error";
export { listAudit, parseAuditFilter, auditUserOptions, changedFields, type AuditRow, type ChangedField } from "../../db/presenters/audit";
export { liveSessions, type SessionRow } from "../../db/presenters/sessions";
export { endSessionsAsAdmin } from "../../db/commands/sessions";
