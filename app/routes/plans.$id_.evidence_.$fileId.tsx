// An evidence file as a download, for whoever may read the plan.

export { loader } from "./plans.$id_.evidence_.$fileId.server";


