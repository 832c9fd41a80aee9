// The official SDK client -> mcpguard proxy -> the reference filesystem
// server (@modelcontextprotocol/server-filesystem), on a temporary root.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";

import {
  auditEvents, connectThroughProxy, messageEvents, policyFile, requirePackage, tempDir,
} from "./harness.mjs";

const serverMain = requirePackage("@modelcontextprotocol/server-filesystem/dist/index.js");

const work = tempDir("mcpguard-e2e-fs-");
const root = join(work.dir, "root");
const auditLog = join(work.dir, "audit.jsonl");
let session;

before(async () => {
  mkdirSync(join(root, "scratch"), { recursive: true });
  writeFileSync(join(root, "notes.txt"), "meeting at noon\n");
  writeFileSync(join(root, ".env"), "API_TOKEN=do-not-read\n");
  writeFileSync(join(work.dir, "outside.txt"), "not served\n");
  session = await connectThroughProxy({
    policy: policyFile("filesystem.textproto", work.dir, root),
    audit: auditLog,
    proxyFlags: ["--principal", "alice", "--server", "filesystem"],
    server: [process.execPath, serverMain, root],
  });
});

after(() => work.cleanup());

// A refused call: the SDK rejects with the proxy's JSON-RPC error.
async function refused(name, args) {
  const error = await session.client.callTool({ name, arguments: args }).then(
    () => assert.fail(`${name} was allowed`), (e) => e);
  assert.equal(typeof error.code, "number", String(error));
  return error;
}

test("tools/list hides the tools the principal may never call", async () => {
  const { tools } = await session.client.listTools();
  const names = tools.map((t) => t.name).sort();
  for (const visible of ["get_file_info", "list_allowed_directories", "list_directory",
                         "read_text_file", "write_file"]) {
    assert.ok(names.includes(visible), `${visible} missing from ${names}`);
  }
  for (const hidden of ["move_file", "edit_file", "directory_tree", "read_multiple_files",
                        "create_directory", "search_files"]) {
    assert.ok(!names.includes(hidden), `${hidden} should be hidden: ${names}`);
  }
});

test("allowed calls return the server's real results", async () => {
  const read = await session.client.callTool({
    name: "read_text_file", arguments: { path: join(root, "notes.txt") } });
  assert.equal(read.isError, undefined);
  assert.match(read.content[0].text, /meeting at noon/);

  const target = join(root, "scratch", "written.txt");
  const write = await session.client.callTool({
    name: "write_file", arguments: { path: target, content: "written through the guard" } });
  assert.notEqual(write.isError, true, JSON.stringify(write));
  assert.equal(readFileSync(target, "utf8"), "written through the guard");
});

test("path traversal never reaches the server", async () => {
  const escape = join(root, "scratch", "..", "..", "escaped.txt");
  const error = await refused("write_file", { path: escape, content: "x" });
  assert.equal(error.code, -32030, String(error));  // Denied by policy.
  assert.ok(!existsSync(join(dirname(root), "escaped.txt")), "the write reached the disk");

  await refused("read_text_file", { path: join(root, "..", "outside.txt") });
  await refused("read_text_file", { path: `${root}/%2e%2e/outside.txt` });
  await refused("read_text_file", { path: "/etc/passwd" });
  await refused("read_text_file", { path: join(root, ".env") });
});

test("writes outside the allowed folder and denied tools are refused", async () => {
  await refused("write_file", { path: join(root, "notes.txt"), content: "overwritten" });
  assert.equal(readFileSync(join(root, "notes.txt"), "utf8"), "meeting at noon\n");

  await refused("move_file", {
    source: join(root, "notes.txt"), destination: join(root, "scratch", "moved.txt") });
  assert.ok(existsSync(join(root, "notes.txt")), "move_file reached the server");
});

test("the audit log has one event per message, in a verified chain", async () => {
  const { counts } = session;
  await session.client.close();
  const messages = messageEvents(auditEvents(auditLog));
  const toServer = messages.filter((e) => e["mcpguard.direction"] === "TO_SERVER");
  const toClient = messages.filter((e) => e["mcpguard.direction"] === "TO_CLIENT");
  assert.equal(toServer.length, counts.sent);
  // The client also received the proxy's answers to the requests it refused.
  const refusedRequests = toServer.filter((e) =>
    e["mcpguard.decision"] === "DENY" && e["jsonrpc.request.id"] !== undefined).length;
  assert.equal(refusedRequests, 7);  // The seven refused calls above.
  assert.equal(toClient.length, counts.received - refusedRequests);
  const traversal = toServer.find((e) => e["mcpguard.rule.id"] === undefined &&
    e["gen_ai.tool.name"] === "write_file" && e["mcpguard.decision"] === "DENY");
  assert.ok(traversal, "no audited refusal of the traversal write");
});
