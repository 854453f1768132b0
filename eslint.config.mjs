// ESLint over all browser code: the site's scripts and modules, the service worker template and
// the Node tests. `npm run lint`; tests/test_lint.py runs it in `make test`.
import js from "@eslint/js";
import globals from "globals";

const rules = {
  ...js.configs.recommended.rules,
  "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }],
  "no-undef": "error",
  eqeqeq: ["error", "always", { null: "ignore" }], // `x == null`: null or undefined, on purpose
  "prefer-const": "error",
  "no-var": "error",
  "no-implicit-globals": "error",
  "no-shadow": ["error", { builtinGlobals: false }],
  "no-throw-literal": "error",
  "no-useless-concat": "error",
  "no-eval": "error",
  "no-new-func": "error", // the site's Content-Security-Policy allows neither
  "no-implied-eval": "error",
  "object-shorthand": ["error", "properties"],
  curly: ["error", "multi-line"],
  // U+3000 (ideographic space) indents the Chinese text of printed records, on purpose
  "no-irregular-whitespace": ["error", { skipStrings: true, skipTemplates: true }],
};

export default [
  { ignores: ["node_modules/", "site/", "build/", ".venv/", ".cache/"] },
  {
    // ES modules in the browser (pages load them with type="module")
    files: ["docs/assets/javascripts/**/*.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.browser } },
    rules,
  },
  {
    // The checker's Web Worker and the modules it imports (also imported by the Node harness)
    files: ["docs/assets/javascripts/checker-{worker,core,snapshot}.mjs"],
    languageOptions: { globals: { ...globals.worker } },
  },
  {
    // Classic scripts: they also run where modules do not (a page opened from disk, an old
    // browser), so they stay plain ES5 that any browser parses.
    files: ["docs/assets/javascripts/**/*.js"],
    languageOptions: { ecmaVersion: 5, sourceType: "script", globals: { ...globals.browser } },
    rules: { ...rules, "no-var": "off", "prefer-const": "off", "object-shorthand": "off" },
  },
  {
    // The service worker: a classic worker script; macros/offline.py replaces __CONFIG__ at build time.
    files: ["macros/sw_template.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.serviceworker, __CONFIG__: "readonly" },
    },
    // a worker script's top-level names are the worker's own, not a page's globals
    rules: { ...rules, "no-implicit-globals": "off" },
  },
  {
    files: ["tests/node/**/*.mjs", "macros/**/*.mjs", "eslint.config.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
    rules,
  },
];
