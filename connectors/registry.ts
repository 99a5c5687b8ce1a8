// Every source a connection can have.
import type { ConnectionSource } from "../db/schema";
import type { Adapter } from "./adapter";
import { os2moAdapter } from "./os2mo";
import { opusAdapter } from "./opus";
import { sdAdapter } from "./sd";
import { fileAdapter } from "./file";

export const ADAPTERS: Record<ConnectionSource, Adapter<any>> = {
  os2mo: os2moAdapter,
  opus: opusAdapter,
  sd: sdAdapter,
  file: fileAdapter,
};
