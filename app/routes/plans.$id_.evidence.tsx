// Evidence upload: a plain multipart form on the plan page posts here (works without JavaScript).
// The file's bytes decide its kind (evidence/files.ts); the answer is a redirect back to the item.

export { loader, action } from "./plans.$id_.evidence.server";


