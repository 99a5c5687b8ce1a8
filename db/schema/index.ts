export * from "./org";
export * from "./people";
export * from "./cases";
export * from "./access";
export * from "./plans";
export * from "./hr-rollups";
export * from "./rollups";
export * from "./ledger";
