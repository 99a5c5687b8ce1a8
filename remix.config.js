// Classic Remix compiler (see docs/decisions/0001-remix-classic-compiler.md).
/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // A route's server half (plans.$id.server.ts beside plans.$id.tsx) is a module, not a route.
  ignoredRouteFiles: ["**/.*", "**/*.test.*", "**/*.server.*"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // db/ and jobs/ live outside app/ and are bundled into the server build; node_modules stay
  // external so PGlite finds its wasm files and postgres.js/bullmq keep one copy each.
  watchPaths: ["db/**/*.ts", "jobs/**/*.ts", "charts/**/*.tsx"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
};
