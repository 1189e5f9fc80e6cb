// The local server and request policy that keep rendering offline and inside
// the project's folders.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { localOnlyPolicy, startServer, type LocalServer } from "../scripts/browser/index.ts";

let dir: string;
let server: LocalServer;

/** A raw GET, so the path is sent exactly as written (no URL normalisation). */
function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const url = new URL(server.origin);
    const req = request({ host: url.hostname, port: url.port, path, method: "GET" }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => ok({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", fail);
    req.end();
  });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "pdf-server-"));
  mkdirSync(join(dir, "root"));
  writeFileSync(join(dir, "root", "page.css"), "p { color: black }");
  writeFileSync(join(dir, "secret.txt"), "do not serve");
  symlinkSync(join(dir, "secret.txt"), join(dir, "root", "link.txt"));
  mkdirSync(join(dir, "title"));
  writeFileSync(join(dir, "title", "still.png"), "png bytes");
  writeFileSync(join(dir, "title", "index.md"), "the title's text");
  server = await startServer({
    mounts: { "/assets/": join(dir, "root") },
    files: { "/figures/1-still.png": join(dir, "title", "still.png") },
    documents: { "/index.html": { body: "<p>hi</p>", type: "text/html" } },
  });
});

after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

test("serves files inside a mount and documents from memory", async () => {
  assert.deepEqual(await get("/assets/page.css"), { status: 200, body: "p { color: black }" });
  assert.deepEqual(await get("/index.html"), { status: 200, body: "<p>hi</p>" });
  assert.equal((await get("/assets/missing.css")).status, 404);
});

test("refuses path traversal, encoded or not, and symlinks that lead out", async () => {
  for (const path of ["/assets/../secret.txt", "/assets/%2e%2e/secret.txt", "/assets/..%2fsecret.txt", "/assets/link.txt", "/secret.txt"]) {
    const response = await get(path);
    assert.notEqual(response.status, 200, path);
    assert.doesNotMatch(response.body, /do not serve/, path);
  }
});

test("the request policy allows only this server's files", () => {
  const policy = localOnlyPolicy(server);
  assert.equal(policy.allows(`${server.origin}/assets/page.css`), true);
  assert.equal(policy.allows(`${server.origin}/index.html`), true);
  assert.equal(policy.allows(`${server.origin}/assets/%2e%2e/secret.txt`), false);
  assert.equal(policy.allows(`${server.origin}/elsewhere/x.css`), false);
  assert.equal(policy.allows("https://example.com/font.woff2"), false);
  assert.equal(policy.allows("file:///etc/passwd"), false);
  assert.equal(policy.allows("http://127.0.0.1:1/assets/page.css"), false);
});

test("serves a title's figure at its href, and nothing else of the title's folder", async () => {
  assert.deepEqual(await get("/figures/1-still.png"), { status: 200, body: "png bytes" });
  for (const path of ["/figures/index.md", "/figures/still.png", "/figures/../title/index.md", "/title/index.md", "/index.md"]) {
    assert.equal((await get(path)).status, 403, path);
  }
  const policy = localOnlyPolicy(server);
  assert.equal(policy.allows(`${server.origin}/figures/1-still.png`), true);
  assert.equal(policy.allows(`${server.origin}/figures/index.md`), false);
});
