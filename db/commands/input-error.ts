// The one error every command in db/commands/ throws when it refuses its input: forms and the CLI
// show it (a code per field, or the refusal's key); anything else a command throws is a bug.

/** The code of a refusal that names fields: `fieldErrors` says which and why. */
export const INVALID_FIELDS = "invalid_fields";

/**
 * A refused change. `code` is machine-readable: INVALID_FIELDS with a code or reason per field in
 * `fieldErrors` (the form translates it), e.g. { dueDate: "invalid_date" }; or, made by
 * `InputError.refusal`, the key of a refusal of the whole change (e.g. "stale_version") and no fields.
 */
export class InputError<Code extends string = string> extends Error {
  constructor(
    public readonly fieldErrors: Record<string, string>,
    public readonly code: Code | typeof INVALID_FIELDS = INVALID_FIELDS,
    message = Object.entries(fieldErrors).map(([field, reason]) => `${field}: ${reason}`).join("; "),
  ) {
    super(message);
    this.name = "InputError";
  }

  /** A refusal of the whole change, by its key. */
  static refusal<C extends string>(code: C, message: string): InputError<C> {
    return new InputError<C>({}, code, message);
  }
}
