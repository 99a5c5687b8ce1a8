// The MED meeting summary as a PDF for the minutes; the same committee rule as /plans/meeting.

export { loader } from "./plans.meeting[.]pdf.server";


