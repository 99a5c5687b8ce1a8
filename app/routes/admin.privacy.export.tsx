// /admin/privacy/export: everything held about one person as a JSON file (GDPR art. 15). The
// download itself is logged (name-read log and audit trail): it names a person.

export { loader } from "./admin.privacy.export.server";


