// The administration pages reach db/ through here only, so postgres.js stays out of the browser bundle.
export {
  createUser, updateProfile, deactivate, reactivate, setPassword, setRoles, listUsers, getUser, grantPickers,
  UserAdminError, PASSWORD_MIN_LENGTH, ORG_WIDE_ROLES, type RoleGrantInput, type UserListRow,
} from "../../db/queries/users";
export { listAudit, parseAuditFilter, auditUserOptions, changedFields, type AuditRow, type ChangedField } from "../../db/presenters/audit";
export { liveSessions, endSessionsAsAdmin, type SessionRow } from "../../db/queries/sessions";
