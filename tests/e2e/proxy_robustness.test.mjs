// mcpguard proxy under awkward traffic: split and huge lines, bursts, a
// server that exits, hangs or ignores EOF, signals, reloads. The client is
// this test, writing raw bytes; the server is fixtures/line_server.mjs.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { connect } from "node:net";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { after, test } from "node:test";

import { auditEvents, mcpguard, sourceDir, tempDir } from "./harness.mjs";

const fixture = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "line_server.mjs");
const work = tempDir("mcpguard-e2e-proxy-");
after(() => work.cleanup());

let policies = 0;
function writePolicy(echoEffect, path = join(work.dir, `policy-${++policies}.textproto`)) {
  const template = readFileSync(join(sourceDir, "tests", "e2e", "policies",
                                     "robustness.textproto"), "utf8");
  writeFileSync(path, template.replaceAll("@ECHO_EFFECT@", echoEffect));
  return path;
}

// Starts the proxy in front of the fixture. Returns helpers to write raw
// bytes, await the next message, and await the exit status.
function startProxy({ policy = writePolicy("ALLOW"), flags = [], env = {} } = {}) {
  const proxy = spawn(mcpguard, ["proxy", "--policy", policy, "--grace-ms", "300", ...flags,
                                 "--", process.execPath, fixture],
                      { env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  proxy.stderr.on("data", (chunk) => { stderr += chunk; });
  const queue = [];
  const waiters = [];
  createInterface({ input: proxy.stdout, crlfDelay: Infinity }).on("line", (line) => {
    const message = JSON.parse(line);
    if (waiters.length > 0) waiters.shift()(message); else queue.push(message);
  });
  const exited = once(proxy, "exit").then(([code, signal]) => ({ code, signal }));
  return {
    proxy,
    write: (text) => proxy.stdin.write(text),
    call: (id, name, args = {}) => proxy.stdin.write(`${JSON.stringify({
      jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: args } })}\n`),
    next: () => (queue.length > 0 ? Promise.resolve(queue.shift())
                                  : new Promise((resolve) => waiters.push(resolve))),
    exited,
    stderr: () => stderr,
  };
}

test("a message split across writes and a message of 8 MiB go through whole", async () => {
  const p = startProxy();
  const line = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call",
                                params: { name: "echo", arguments: { text: "split" } } });
  for (const part of [line.slice(0, 10), line.slice(10, 50), `${line.slice(50)}\n`]) {
    p.write(part);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  assert.deepEqual((await p.next()).result.structuredContent, { text: "split", length: 5 });

  const big = "x".repeat(8 << 20);
  p.call(2, "echo", { text: big });
  const reply = await p.next();
  assert.equal(reply.id, 2);
  assert.equal(reply.result.structuredContent.length, big.length);
  assert.equal(reply.result.structuredContent.text, big);
  p.proxy.stdin.end();
  assert.deepEqual(await p.exited, { code: 0, signal: null });
});

test("a burst of 2000 requests comes back complete and in order", async () => {
  const p = startProxy();
  let burst = "";
  for (let id = 1; id <= 2000; id++) {
    burst += `${JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call",
                                 params: { name: "echo", arguments: { text: `m${id}` } } })}\n`;
  }
  p.write(burst);
  for (let id = 1; id <= 2000; id++) {
    const reply = await p.next();
    assert.equal(reply.id, id);
    assert.equal(reply.result.structuredContent.text, `m${id}`);
  }
  p.proxy.stdin.end();
  assert.equal((await p.exited).code, 0);
});

test("a line over --max-line-bytes is refused and the next one still works", async () => {
  const p = startProxy({ flags: ["--max-line-bytes", "4096"] });
  p.call(1, "echo", { text: "y".repeat(10000) });
  const refused = await p.next();
  assert.equal(refused.id, null);
  assert.equal(refused.error.code, -32700);
  p.call(2, "echo", { text: "after" });
  assert.equal((await p.next()).result.structuredContent.text, "after");
  p.proxy.stdin.end();
  await p.exited;
});

test("a server that exits: pending requests get an error, the proxy exits with its status",
  async () => {
    const p = startProxy();
    p.call(1, "hang");
    p.call(2, "exit", { code: 3 });
    const replies = [await p.next(), await p.next()].sort((a, b) => a.id - b.id);
    assert.deepEqual(replies.map((r) => [r.id, r.error.code]), [[1, -32603], [2, -32603]]);
    assert.match(replies[0].error.message, /server exited \(status 3\)/);
    assert.deepEqual(await p.exited, { code: 3, signal: null });
  });

test("a server that ignores EOF is terminated after the grace period", async () => {
  const p = startProxy({ env: { IGNORE_EOF: "1" } });
  p.call(1, "echo", { text: "alive" });
  await p.next();
  p.proxy.stdin.end();
  // The fixture exits 7 on SIGTERM.
  assert.deepEqual(await p.exited, { code: 7, signal: null });
  assert.match(p.stderr(), /server: SIGTERM/);
});

test("SIGTERM is passed to the server; its stderr is the proxy's; the audit log is whole",
  async () => {
    // With --audit the proxy runs an audit thread too: the signal must
    // still reach the server, not end the proxy.
    const log = join(work.dir, "sigterm-audit.jsonl");
    const p = startProxy({ flags: ["--audit", log] });
    p.call(1, "shout", { text: "hello from the server" });
    await p.next();
    p.proxy.kill("SIGTERM");
    assert.deepEqual(await p.exited, { code: 7, signal: null });
    assert.match(p.stderr(), /hello from the server/);
    assert.match(p.stderr(), /server: SIGTERM/);
    const events = auditEvents(log).map((e) => e["event.name"]);
    assert.deepEqual(events, ["POLICY_LOAD", "MESSAGE", "MESSAGE"]);
  });

test("SIGHUP reloads the policy; a broken policy leaves the old one in force", async () => {
  const policy = writePolicy("ALLOW");
  const p = startProxy({ policy });
  p.call(1, "echo", { text: "before" });
  assert.ok((await p.next()).result);

  writePolicy("DENY", policy);
  p.proxy.kill("SIGHUP");
  await waitFor(() => /reloaded/.test(p.stderr()));
  p.call(2, "echo", { text: "after" });
  const denied = await p.next();
  assert.equal(denied.id, 2);
  assert.equal(denied.error.code, -32030);

  writeFileSync(policy, "this is { not a policy");
  p.proxy.kill("SIGHUP");
  await waitFor(() => /not reloaded/.test(p.stderr()));
  p.call(3, "echo", { text: "still denied" });
  assert.equal((await p.next()).error.code, -32030);
  p.proxy.stdin.end();
  await p.exited;
});

test("a server that cannot be started is a clear error", async () => {
  const proxy = spawn(mcpguard, ["proxy", "--policy", writePolicy("ALLOW"), "--",
                                 join(work.dir, "no-such-server")], { stdio: "pipe" });
  let stderr = "";
  proxy.stderr.on("data", (chunk) => { stderr += chunk; });
  const [code] = await once(proxy, "exit");
  assert.equal(code, 2);
  assert.match(stderr, /cannot run .*no-such-server.*No such file/);
});

async function waitFor(predicate, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test("--metrics-port serves Prometheus metrics on loopback", async () => {
  const p = startProxy({ flags: ["--metrics-port", "0"] });
  p.call(1, "echo", { text: "counted" });
  await p.next();
  await waitFor(() => /metrics at http:\/\/127\.0\.0\.1:\d+\/metrics/.test(p.stderr()));
  const url = p.stderr().match(/(http:\/\/127\.0\.0\.1:\d+)\/metrics/)[1];
  let body = "";
  // Events reach the metrics on the audit thread, a moment after the check.
  await waitFor(async () => {
    body = await (await fetch(`${url}/metrics`)).text();
    return /mcpguard_tool_messages_total\{tool="echo",decision="allow"\} 2/.test(body);
  }).catch(() => assert.fail(`metrics never counted the call:\n${body}`));
  assert.equal((await fetch(`${url}/other`)).status, 404);
  // A local peer that sends its request a byte now and then holds up no
  // other scrape (found by an adversarial review: one such peer made every
  // scrape wait for hours).
  const slow = connect(Number(new URL(url).port), "127.0.0.1");
  await once(slow, "connect");
  slow.on("error", () => {});  // Writing after the proxy cut it off.
  const closed = once(slow, "close");
  // A byte every 300 ms: each read gets one in time, so only a deadline on
  // the whole head ends it.
  const trickle = setInterval(() => slow.write("G"), 300);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const started = Date.now();
  assert.equal((await fetch(`${url}/metrics`)).status, 200);
  assert.ok(Date.now() - started < 1500, `a scrape waited ${Date.now() - started} ms`);
  // And the slow peer is cut off after the head's deadline (2 s).
  await closed;
  clearInterval(trickle);
  p.proxy.stdin.end();
  await p.exited;
});

test("--request-timeout-ms answers a request the server sits on, and cancels it", async () => {
  const p = startProxy({ flags: ["--request-timeout-ms", "300"] });
  p.call(1, "echo", { text: "the server is up" });
  assert.equal((await p.next()).id, 1);
  p.call(2, "hang");
  p.call(3, "echo", { text: "not held up" });
  assert.equal((await p.next()).id, 3);
  const timedOut = await p.next();
  assert.equal(timedOut.id, 2);
  assert.equal(timedOut.error.code, -32001);
  assert.match(timedOut.error.message, /did not answer within 300 ms/);
  // The server was told, as MCP's cancellation says.
  await waitFor(() => /server: cancelled 2 \(timed out in mcpguard proxy\)/.test(p.stderr()));
  p.call(4, "echo", { text: "later" });
  assert.equal((await p.next()).id, 4);

  // An answer that comes after the proxy gave up is dropped: the client
  // already has its error.
  p.call(5, "slow", { ms: 600 });
  assert.equal((await p.next()).error.code, -32001);
  await new Promise((resolve) => setTimeout(resolve, 700));
  p.call(6, "echo", { text: "after the late answer" });
  assert.equal((await p.next()).id, 6);
  p.proxy.stdin.end();
  await p.exited;
});
