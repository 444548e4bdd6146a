// Finds import cycles among our own modules (lib/, app/, components/, server.ts, scripts/): a
// cycle makes load order matter and hides which module depends on which. Reads each file's
// static `import`/`export ... from` of relative paths. Type-only imports (`import type`) are
// erased at run time, so by default they are left out (every module names `Runtime`'s type, which
// would make one cycle of half the tree); `--types` counts them too. Exits 1 listing each cycle.
// Usage: node --import tsx scripts/check-import-cycles.ts [--types] [dir ...]
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const typesToo = args.includes("--types");
const dirs = args.filter((a) => a !== "--types");
const roots = dirs.length ? dirs : ["lib", "app", "components", "server.ts", "scripts"];
const SKIP = new Set(["node_modules", "generated", ".next", "test-results"]);
const SOURCE = /\.(ts|tsx)$/;

function walk(path: string, out: string[]): string[] {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return out;
  if (stat.isFile()) {
    if (SOURCE.test(path)) out.push(path);
    return out;
  }
  for (const name of readdirSync(path)) if (!SKIP.has(name)) walk(join(path, name), out);
  return out;
}

const files = roots.flatMap((r) => walk(resolve(root, r), []));
const known = new Set(files);
const IMPORT = /(?:^|\n)\s*(?:import|export)\s([^;]*?)\sfrom\s+["'](\.{1,2}\/[^"']+)["']/g;

/** A relative specifier to one of our files: as written (`./x.ts`), or without its extension, or a folder's index. */
function resolveSpecifier(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")]) if (known.has(candidate)) return candidate;
  return null;
}

const graph = new Map<string, string[]>();
for (const file of files) {
  const text = readFileSync(file, "utf8");
  const deps = new Set<string>();
  for (const m of text.matchAll(IMPORT)) {
    if (!typesToo && /^type\s/.test(m[1]!)) continue;
    const target = resolveSpecifier(file, m[2]!);
    if (target) deps.add(target);
  }
  graph.set(file, [...deps]);
}

// Tarjan's strongly connected components: every component with more than one file is a cycle.
let index = 0;
const indexOf = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
const components: string[][] = [];
function visit(v: string): void {
  indexOf.set(v, index);
  low.set(v, index);
  index++;
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!indexOf.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v)!, low.get(w)!));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
  }
  if (low.get(v) === indexOf.get(v)) {
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(component);
  }
}
for (const file of files) if (!indexOf.has(file)) visit(file);

if (components.length === 0) {
  console.log(`No import cycles among ${files.length} files.`);
} else {
  for (const component of components) console.log(`Import cycle: ${component.map((f) => relative(root, f)).sort().join(" <-> ")}`);
  process.exitCode = 1;
}
