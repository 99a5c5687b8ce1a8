// The layers (docs/architecture.md), bottom to top. A module may import its own layer and the ones
// below it, never one above, and no import circle may form. `npm run check:layers` runs these
// rules; tests/unit/architecture.test.ts runs them in the suite, so an upward arrow fails CI.
//
//   domain/            pure rules: imports nothing of ours
//   env.ts             configuration and the product's clock: domain (its date rules validate
//                      APP_TODAY and turn the clock into the Copenhagen business date)
//   db/                storage: domain, env
//   jobs/recompute/    the recompute of the weekly figures and its requests: db, domain, env
//   import/ evidence/  writes of files into the store: jobs/recompute, db, domain, env
//   connectors/        the organisation and payroll systems: import, jobs/recompute, db, domain, env
//   reports/ exports/ charts/   documents, files and charts: db, domain, env
//   jobs/ (the rest)   queues, workers, schedules, mail: everything above this line
//   app/ server*.ts request-guards.ts   the web: everything above this line
//   demo/ cli/         entry points: everything but tests and bench
//   bench/             measures anything, may borrow tests/helpers and tests/fixtures
//   tests/             may use anything but bench/
const layer = (name, path, allowed) => ({
  name: `${name}-imports-only-below`,
  severity: "error",
  comment: `${name} may import only ${allowed.join(", ") || "npm packages"} (docs/architecture.md)`,
  from: { path },
  to: { path: "^(domain|env\\.ts|db|jobs/recompute|import|evidence|connectors|reports|exports|charts|jobs|app|server\\.ts|server-cluster\\.ts|request-guards\\.ts|demo|cli|bench|tests)(/|$)", pathNot: [path, ...allowed] },
});

module.exports = {
  forbidden: [
    layer("domain", "^domain/", []),
    layer("env", "^env\\.ts$", ["^domain/"]),
    layer("db", "^db/", ["^domain/", "^env\\.ts$"]),
    layer("recompute", "^jobs/recompute/", ["^db/", "^domain/", "^env\\.ts$"]),
    layer("import", "^(import|evidence)/", ["^(import|evidence)/", "^jobs/recompute/", "^db/", "^domain/", "^env\\.ts$"]),
    layer("connectors", "^connectors/", ["^(import|evidence)/", "^jobs/recompute/", "^db/", "^domain/", "^env\\.ts$"]),
    layer("documents", "^(reports|exports|charts)/", ["^(reports|exports|charts)/", "^db/", "^domain/", "^env\\.ts$"]),
    layer("jobs", "^jobs/(?!recompute/)", ["^jobs/recompute/", "^(reports|exports|charts|connectors|import|evidence|db|domain)/", "^env\\.ts$"]),
    layer("app", "^(app/|server\\.ts$|server-cluster\\.ts$|request-guards\\.ts$)", ["^(app|jobs|reports|exports|charts|connectors|import|evidence|db|domain)/", "^(env|server|server-cluster|request-guards)\\.ts$"]),
    layer("entry points", "^(demo|cli)/", ["^(demo|cli|app|jobs|reports|exports|charts|connectors|import|evidence|db|domain)/", "^(env|server|server-cluster|request-guards)\\.ts$"]),
    { name: "bench-borrows-only-helpers", severity: "error", comment: "bench/ may borrow tests/helpers and tests/fixtures, nothing else of tests/", from: { path: "^bench/" }, to: { path: "^tests/", pathNot: "^tests/(helpers|fixtures)/" } },
    { name: "tests-not-bench", severity: "error", comment: "bench/ and tests/ stand apart", from: { path: "^tests/" }, to: { path: "^bench/" } },
    { name: "no-circular", severity: "error", comment: "an import circle", from: { pathNot: "^node_modules" }, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|build|public|\\.cache)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"] },
  },
};
