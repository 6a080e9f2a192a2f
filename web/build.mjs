// Builds the dashboard into resgestae/serve/static (served by `resgestae serve`; not
// committed): the bundle (esbuild; the world map's TopoJSON is bundled into it), the page,
// its styles and the Swagger UI files the API page at /docs uses. Nothing is fetched at run time.
import { build } from "esbuild";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "resgestae", "serve", "static");
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "swagger"), { recursive: true });

await build({
  entryPoints: [join(here, "src", "main.js")],
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2020",
  outfile: join(out, "app.js"),
  legalComments: "linked",
  logLevel: "warning",
});
cpSync(join(here, "src", "index.html"), join(out, "index.html"));
cpSync(join(here, "src", "style.css"), join(out, "style.css"));
const swagger = join(here, "node_modules", "swagger-ui-dist");
for (const f of ["swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png", "LICENSE", "NOTICE"]) {
  cpSync(join(swagger, f), join(out, "swagger", f));
}
console.log(`dashboard built into ${out}`);
