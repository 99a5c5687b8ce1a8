// A problem with the file as a whole (encoding, size, format): the import stops at once.
import type { MessageKey, MessageParams } from "./messages";

export class ImportFileError extends Error {
  constructor(readonly key: MessageKey, readonly params: MessageParams = {}) {
    super(key);
    this.name = "ImportFileError";
  }
}
