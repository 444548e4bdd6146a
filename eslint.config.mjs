// ESLint (flat config), type-aware. Next's rules (core web vitals, React hooks, a11y, its TypeScript
// set) plus typescript-eslint's recommendedTypeChecked, tuned to STYLE.md: no `any`, exhaustive
// switches over unions, a reason on every eslint-disable. Rules turned off say why.
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

/** `// eslint-disable-next-line rule -- why`: a suppression without its reason is reported (STYLE.md). */
const suppressionsHaveReasons = {
  meta: { type: "suggestion", docs: { description: "require a `-- reason` on every eslint-disable comment" }, schema: [] },
  create(context) {
    return {
      Program() {
        for (const comment of context.sourceCode.getAllComments()) {
          const text = comment.value.trim();
          if (!/^eslint-disable(-next-line|-line)?(\s|$)/.test(text)) continue;
          if (!/\s--\s*\S/.test(text)) context.report({ loc: comment.loc, message: "Say why: end the eslint-disable comment with `-- <reason>`." });
        }
      },
    };
  },
};

export default tseslint.config(
  { ignores: ["generated/**", ".next/**", "node_modules/**", "test-results/**", "playwright-report/**", "data/**", "next-env.d.ts"] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ["**/*.{ts,tsx,mts,cts}"] })),
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: { gatehouse: { rules: { "suppressions-have-reasons": suppressionsHaveReasons } } },
    rules: {
      "gatehouse/suppressions-have-reasons": "error",
      "@typescript-eslint/no-explicit-any": "error",
      // Exhaustive handling of unions (STYLE.md); a `default` on a non-union switch is not demanded.
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/consistent-type-definitions": ["error", "type"],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // node:test's `test(...)`/`describe(...)` return promises the runner awaits itself; route
      // handlers and event listeners are async callbacks by design (Next, node:http, oidc-provider).
      "@typescript-eslint/no-floating-promises": ["error", { allowForKnownSafeCalls: [{ from: "package", package: "node:test", name: ["test", "describe", "it", "suite"] }] }],
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { arguments: false, attributes: false } }],
      // Templates interpolate numbers and the like on purpose (log lines, messages); objects are still caught by no-base-to-string.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allowBoolean: true, allowNullish: true }],
      // `async` functions that do not await keep an interface's shape (handlers, hooks, adapters).
      "@typescript-eslint/require-await": "off",
      // The `no-unsafe-*` family reports every value read from JSON.parse, oidc-provider and
      // Prisma's JSON columns, which we check with zod where it matters; `no-explicit-any` keeps
      // `any` out of our own code.
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-call": "off",
    },
  },
  {
    // Plain JS/MJS files (configs, scripts) are not in the TypeScript project: no type-aware rules.
    files: ["**/*.{js,mjs,cjs}"],
    ...tseslint.configs.disableTypeChecked,
  },
);
