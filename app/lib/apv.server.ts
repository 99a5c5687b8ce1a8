// The APV routes' door to the server (a .server module, so none of it reaches the browser bundle).
export {
  addApvProblem, apvProblemRound, apvRevisionsDue, apvRoundUnit, createApvRound, getApvRound, listApvRounds, recordApvFollowUp,
} from "../../db/queries/apv";
