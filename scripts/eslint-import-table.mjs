// A local ESLint rule that enforces the import table of DESIGN.md: a package may import
// only the kit packages listed for it, by name or by a relative path into their tree.
import path from "node:path";
import { allowedImports, scope } from "./import-table.mjs";

const root = path.resolve(import.meta.dirname, "..");

/** Which kit package a file or resolved import path lies in, or undefined. */
function packageOf(file) {
  const rel = path.relative(root, path.resolve(file)).split(path.sep);
  if (rel[0] !== "packages" || rel.length < 2) return undefined;
  return rel[1] in allowedImports ? rel[1] : undefined;
}

/** The kit package an import specifier names or reaches, or undefined. */
function targetOf(specifier, fromFile) {
  if (specifier.startsWith(scope)) return specifier.slice(scope.length).split("/")[0];
  if (specifier.startsWith(".")) return packageOf(path.resolve(path.dirname(fromFile), specifier));
  return undefined;
}

const rule = {
  meta: {
    type: "problem",
    docs: { description: "Enforce the package import table of DESIGN.md" },
    schema: [],
    messages: {
      forbidden:
        "@native-kit/{{from}} may not import @native-kit/{{to}} (DESIGN.md import table allows: {{allowed}})",
    },
  },
  create(context) {
    const from = packageOf(context.filename);
    if (from === undefined) return {};
    const allowed = allowedImports[from];
    const check = (node, source) => {
      if (!source || typeof source.value !== "string") return;
      const to = targetOf(source.value, context.filename);
      if (to === undefined || to === from || allowed.includes(to)) return;
      context.report({
        node,
        messageId: "forbidden",
        data: { from, to, allowed: allowed.length ? allowed.join(", ") : "none" },
      });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

/** The plugin object registered in eslint.config.js as `native-kit`. */
export default { rules: { "import-table": rule } };
