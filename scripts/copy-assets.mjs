// Copies the npm-built front-end files the pages use into src/gronnkjop/static/vendor/.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "src", "gronnkjop", "static", "vendor");
const files = [
  ["node_modules/@digdir/designsystemet-css/dist/src/index.css", "designsystemet/index.css"],
  ["node_modules/@digdir/designsystemet-css/dist/theme/designsystemet.css", "designsystemet/theme.css"],
  ["node_modules/@digdir/designsystemet-css/LICENSE", "designsystemet/LICENSE"],
  ["node_modules/htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"],
  ["node_modules/htmx.org/LICENSE", "htmx/LICENSE"],
];
for (const [from, to] of files) {
  const target = join(out, to);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(root, from), target);
}
console.log(`copied ${files.length} files to ${out}`);
