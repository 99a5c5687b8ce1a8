// Downloads of the turnover table the page shows: the same builder and writer as
// `npm run export -- turnover --unit CODE --from --to --format csv|xlsx`, so the bytes match.
// `variant=municipal&year=Y` instead gives the variant comparable with the municipal statistics
// (November Y − 1 to November Y snapshots, moves inside the organisation included), so labelled.

export { loader } from "./turnover.download.server";


