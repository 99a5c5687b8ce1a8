// Which test files need Postgres or Redis: those that reach tests/helpers/services.ts through their
// imports inside tests/ (the e2e harness, the fixtures). vitest.config.ts leaves them out, saying so
// in one line, when a service does not answer, so `npm test` on a bare machine runs what it can
// instead of failing every integration file with a connection error.
import fs from "node:fs";
import path from "node:path";

const SERVICES_HELPER = path.join("tests", "helpers", "services.ts");
const RELATIVE_IMPORT = /(?:from\s+|import\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g;

function resolveImport(fromFile: string, specifier: string): string | null {
  const base = path.normalize(path.join(path.dirname(fromFile), specifier));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/**
 * The files among `testFiles` (paths relative to the repository root, which is the working
 * directory) that import, directly or through other files under tests/, the services helper.
 */
export function filesNeedingServices(testFiles: readonly string[]): string[] {
  const needs = new Map<string, boolean>();
  const visit = (file: string): boolean => {
    const known = needs.get(file);
    if (known !== undefined) return known;
    needs.set(file, false); // an import circle ends here
    let result = file === SERVICES_HELPER;
    if (!result) {
      const text = fs.readFileSync(file, "utf8");
      for (const match of text.matchAll(RELATIVE_IMPORT)) {
        const target = resolveImport(file, match[1]);
        if (target && target.startsWith(`tests${path.sep}`) && visit(target)) {
          result = true;
          break;
        }
      }
    }
    needs.set(file, result);
    return result;
  };
  return testFiles.filter((f) => visit(path.normalize(f)));
}

/** Every *.test.ts(x) file under the given folders, relative to the working directory. */
export function testFilesUnder(folders: readonly string[]): string[] {
  return folders.flatMap((folder) =>
    fs.existsSync(folder)
      ? (fs.readdirSync(folder, { recursive: true }) as string[]).filter((f) => /\.test\.tsx?$/.test(f)).map((f) => path.join(folder, f))
      : [],
  );
}
