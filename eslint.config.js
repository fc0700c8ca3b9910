// `npm run lint`. A small rule set on top of what tsc already enforces (strict types; verbatimModuleSyntax
// makes type-only imports explicit): code nobody uses, `any` without a written reason, and disable
// comments that no longer disable anything. No type-aware rules, so a run stays a few seconds.
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

/** An eslint-disable comment must say why (`-- reason`), or the exception cannot be judged later. */
const requireReason = {
  meta: { type: "suggestion", messages: { reason: "say why after ' -- ' in an eslint-disable comment" }, schema: [] },
  create(context) {
    return {
      Program() {
        for (const comment of context.sourceCode.getAllComments()) {
          if (/^\s*eslint-disable/.test(comment.value) && !/\s--\s*\S/.test(comment.value)) {
            context.report({ loc: comment.loc, messageId: "reason" });
          }
        }
      },
    };
  },
};

export default defineConfig(
  {
    ignores: ["dist/", "node_modules/", "native/build/", ".third_party/", "sdk/messages/generated/", "test-artifacts/"],
  },
  {
    files: ["**/*.{ts,js,mjs,cjs}"],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: "module" },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: { "@typescript-eslint": tseslint.plugin, reflex: { rules: { "require-disable-reason": requireReason } } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { args: "after-used", argsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
      "@typescript-eslint/no-explicit-any": "error",
      "no-control-regex": "error",
      "no-debugger": "error",
      "no-var": "error",
      "prefer-const": "error",
      "reflex/require-disable-reason": "error",
    },
  },
);
