// Copies the vendored libraries and our sources into ideaportal/static/dist.
// No bundler: the app is server-rendered and these files are served as they are.
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "ideaportal", "static", "dist");
const mod = (p) => join(here, "node_modules", p);

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "fonts"), { recursive: true });

const files = [
  [mod("bootstrap/dist/css/bootstrap.min.css"), "bootstrap.min.css"],
  [mod("bootstrap/dist/js/bootstrap.bundle.min.js"), "bootstrap.bundle.min.js"],
  [mod("bootstrap-icons/font/bootstrap-icons.min.css"), "bootstrap-icons.min.css"],
  [mod("bootstrap-icons/font/fonts/bootstrap-icons.woff2"), "fonts/bootstrap-icons.woff2"],
  [mod("bootstrap-icons/font/fonts/bootstrap-icons.woff"), "fonts/bootstrap-icons.woff"],
  [mod("htmx.org/dist/htmx.min.js"), "htmx.min.js"],
  [mod("chart.js/dist/chart.umd.min.js"), "chart.umd.min.js"],
  // The API reference page (/api/v1/docs): Swagger UI, served from here, never a CDN.
  [mod("swagger-ui-dist/swagger-ui-bundle.js"), "swagger-ui-bundle.js"],
  [mod("swagger-ui-dist/swagger-ui.css"), "swagger-ui.css"],
  [join(here, "src", "api-docs.js"), "api-docs.js"],
  [join(here, "src", "app.css"), "app.css"],
  [join(here, "src", "app.js"), "app.js"],
  [join(here, "src", "favicon.svg"), "favicon.svg"],
  [join(here, "src", "widget.js"), "widget.js"],
  [join(here, "src", "widget-frame.js"), "widget-frame.js"],
];
for (const [from, to] of files) cpSync(from, join(out, to));
console.log(`frontend: ${files.length} files -> ${out}`);
