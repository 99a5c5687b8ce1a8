// The APV routes' door to the server (a .server module, so none of it reaches the browser bundle).
export { addApvProblem, createApvRound, recordApvFollowUp } from "../../db/commands/apv";
export { apvProblemRound, apvRevisionsDue, apvRoundUnit, getApvRound, listApvRounds } from "../../db/presenters/apv";
