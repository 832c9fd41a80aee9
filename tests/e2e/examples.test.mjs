// The C++ examples that call the hooks inline: examples/server guards
// itself, examples/host guards its side; the host against the server, and
// the official SDK client against the server.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { test } from "node:test";

import { connectClient } from "./harness.mjs";

const server = process.env.MCPGUARD_EXAMPLE_SERVER;
const host = process.env.MCPGUARD_EXAMPLE_HOST;
if (!server || !existsSync(server) || !host || !existsSync(host)) {
  console.log("SKIP: the examples are not built");
  process.exit(77);
}

test("the example host against the example server: both guards decide", () => {
  const lines = execFileSync(host, ["--", server], { encoding: "utf8" }).trim().split("\n");
  const by = Object.fromEntries(lines.map((line) => [line.split(":")[0], line]));
  // The server hides its shutdown tool from tools/list (its own policy).
  assert.match(by["tools/list"], /response allow: .*"read_setting"/);
  assert.doesNotMatch(by["tools/list"], /"shutdown"/);
  assert.match(by.echo, /response allow: .*"text":"hello"/);
  assert.match(by.add, /"text":"42"/);
  // The server's policy refuses admin.* settings.
  assert.match(by["read_setting admin.password"], /"code":-32030/);
  // The server redacts the token its setting store leaks.
  assert.match(by["read_setting deploy.token"], /\[REDACTED:github_token\]/);
  assert.doesNotMatch(by["read_setting deploy.token"], /ghp_/);
  // The host never sends a call of a tool the server did not list.
  assert.match(by.shutdown, /^shutdown: request deny: .*"code":-32602/);
});

test("the official SDK client against the example server", async () => {
  const client = await connectClient({ command: server, args: [] });
  const names = (await client.listTools()).tools.map((t) => t.name);
  assert.deepEqual(names, ["echo", "add", "read_setting"]);
  const echo = await client.callTool({ name: "echo", arguments: { text: "hi" } });
  assert.equal(echo.content[0].text, "hi");
  const token = await client.callTool({ name: "read_setting", arguments: { key: "deploy.token" } });
  assert.equal(token.content[0].text, "deploy.token = [REDACTED:github_token]");
  const refused = await client.callTool({ name: "read_setting",
                                          arguments: { key: "admin.password" } })
    .then(() => assert.fail("admin.password was read"), (e) => e);
  assert.equal(refused.code, -32030);
  // Arguments that break the tool's schema never reach the handler.
  const invalid = await client.callTool({ name: "add", arguments: { a: "2", b: 40 } })
    .then(() => assert.fail("a string was added"), (e) => e);
  assert.equal(invalid.code, -32602);
  await client.close();
});
