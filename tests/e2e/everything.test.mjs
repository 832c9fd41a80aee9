// The official SDK client -> mcpguard proxy -> the reference "everything"
// server (@modelcontextprotocol/server-everything): secrets the server
// hands out are redacted on the way back.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";

import {
  auditEvents, connectThroughProxy, messageEvents, policyFile, requirePackage, tempDir,
} from "./harness.mjs";

const serverMain = requirePackage("@modelcontextprotocol/server-everything/dist/index.js");

// Planted in the server's environment; get-env returns its environment.
const planted = {
  AWS_ACCESS_KEY_ID: "AKIAZ7QE5XKM2RBTGN4P",
  GITHUB_TOKEN: "ghp_4Qm8rT2vX9kL1nB7cD3fG6hJ0pS5wY8zA2eR",
};

const work = tempDir("mcpguard-e2e-everything-");
const auditLog = join(work.dir, "audit.jsonl");
let session;

before(async () => {
  session = await connectThroughProxy({
    policy: policyFile("everything.textproto", work.dir),
    audit: auditLog,
    server: [process.execPath, serverMain, "stdio"],
    env: planted,
  });
});

after(() => work.cleanup());

test("only the allowed tools are listed", async () => {
  const names = (await session.client.listTools()).tools.map((t) => t.name).sort();
  assert.deepEqual(names, ["echo", "get-env", "get-sum"]);
});

test("an allowed call returns the server's answer", async () => {
  const sum = await session.client.callTool({ name: "get-sum", arguments: { a: 2, b: 40 } });
  assert.match(sum.content[0].text, /42/);
});

test("secrets in the server's environment are redacted from get-env", async () => {
  const result = await session.client.callTool({ name: "get-env", arguments: {} });
  const text = result.content[0].text;
  // The rest of the environment comes through.
  assert.match(text, /"PATH"/);
  for (const secret of Object.values(planted)) assert.ok(!text.includes(secret), "leaked");
  assert.match(text, /\[REDACTED:aws_access_key_id\]/);
  assert.match(text, /\[REDACTED:github_token\]/);
});

test("a denied tool gets an error and the secrets never reach the audit log", async () => {
  const error = await session.client.callTool({ name: "get-tiny-image", arguments: {} }).then(
    () => assert.fail("get-tiny-image was allowed"), (e) => e);
  assert.equal(error.code, -32030);

  const { counts } = session;
  await session.client.close();
  const raw = readFileSync(auditLog, "utf8");
  for (const secret of Object.values(planted)) assert.ok(!raw.includes(secret), "leaked");
  const messages = messageEvents(auditEvents(auditLog));
  const toServer = messages.filter((e) => e["mcpguard.direction"] === "TO_SERVER");
  assert.equal(toServer.length, counts.sent);
  const redaction = messages.find((e) => e["mcpguard.decision"] === "REWRITE" &&
    e["gen_ai.tool.name"] === "get-env");
  assert.ok(redaction, "no audited redaction of get-env");
});
