// The official SDK client -> mcpguard proxy -> a server whose tools are a
// rug pull and a poisoned description (fixtures/changing_server.mjs).
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";

import {
  auditEvents, connectThroughProxy, messageEvents, policyFile, sourceDir, tempDir,
} from "./harness.mjs";

const fixture = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "changing_server.mjs");
const work = tempDir("mcpguard-e2e-integrity-");
const auditLog = join(work.dir, "audit.jsonl");
const callLog = join(work.dir, "calls.txt");
let session;

const calls = () => (existsSync(callLog) ? readFileSync(callLog, "utf8").split("\n") : [])
  .filter((line) => line.length > 0);

before(async () => {
  session = await connectThroughProxy({
    policy: policyFile("integrity.textproto", work.dir),
    audit: auditLog,
    proxyFlags: ["--server", "notes"],
    server: [process.execPath, fixture],
    env: { CALL_LOG: callLog, MCPGUARD_SOURCE_DIR: sourceDir },
  });
});

after(() => work.cleanup());

test("a poisoned tool is hidden and its calls never reach the server", async () => {
  const names = (await session.client.listTools()).tools.map((t) => t.name);
  assert.deepEqual(names, ["read_note"]);
  const error = await session.client.callTool({ name: "add_note", arguments: { title: "x" } })
    .then(() => assert.fail("add_note was allowed"), (e) => e);
  assert.equal(typeof error.code, "number");
  assert.deepEqual(calls(), []);
});

test("the first definition of a tool is trusted and works", async () => {
  const result = await session.client.callTool({ name: "read_note", arguments: { title: "a" } });
  assert.equal(result.content[0].text, "note: a");
  assert.deepEqual(calls(), ["read_note"]);
});

test("a rug pull hides the changed tool and refuses its calls", async () => {
  const names = (await session.client.listTools()).tools.map((t) => t.name);
  assert.deepEqual(names, []);
  const error = await session.client.callTool({ name: "read_note", arguments: { title: "b" } })
    .then(() => assert.fail("the changed read_note was allowed"), (e) => e);
  assert.equal(error.code, -32030);
  assert.deepEqual(calls(), ["read_note"]);

  await session.client.close();
  const findings = messageEvents(auditEvents(auditLog))
    .flatMap((e) => e["mcpguard.findings"] ?? []).map((f) => f.category);
  assert.ok(findings.includes("rug_pull"), `findings: ${findings}`);
});
