// Shared by the end-to-end tests: the official MCP TypeScript SDK's client
// talking to a real MCP server through `mcpguard proxy`.
//
// Environment: MCPGUARD (the built mcpguard command; CTest sets it) and
// MCPGUARD_SOURCE_DIR (the checkout, for node_modules). A test file whose
// software is missing exits 77, which CTest reports as skipped.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const sourceDir =
  process.env.MCPGUARD_SOURCE_DIR ?? join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const mcpguard = process.env.MCPGUARD ?? join(sourceDir, "build", "tools", "mcpguard");
const require = createRequire(join(sourceDir, "package.json"));

// The path of an npm package's file, or exits 77 when it is not installed.
export function requirePackage(specifier) {
  try {
    return require.resolve(specifier);
  } catch {
    console.log(`SKIP: ${specifier} is not installed (run npm ci)`);
    process.exit(77);
  }
}

const sdkClient = requirePackage("@modelcontextprotocol/sdk/client/index.js");
const sdkStdio = requirePackage("@modelcontextprotocol/sdk/client/stdio.js");
const { Client } = await import(sdkClient);
const { StdioClientTransport } = await import(sdkStdio);
if (!existsSync(mcpguard)) {
  console.log(`SKIP: ${mcpguard} is not built`);
  process.exit(77);
}

// A fresh directory, removed by the returned cleanup.
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

// Writes tests/e2e/policies/NAME with @ROOT@ replaced; returns its path.
export function policyFile(name, dir, root = "") {
  const text = readFileSync(join(sourceDir, "tests", "e2e", "policies", name), "utf8");
  const path = join(dir, name);
  writeFileSync(path, text.replaceAll("@ROOT@", root));
  return path;
}

// Connects the SDK client straight to a stdio server.
export async function connectClient({ command, args, env }) {
  const transport = new StdioClientTransport({ command, args, env: { ...process.env, ...env },
                                               stderr: "pipe" });
  const client = new Client({ name: "mcpguard-e2e", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

// Connects the SDK client to `server` (argv) through the proxy. Returns the
// client, the proxy's stderr so far, and counts of the messages the client
// sent and received (the proxy audits each message it checks).
export async function connectThroughProxy({ policy, audit, proxyFlags = [], server, env }) {
  const transport = new StdioClientTransport({
    command: mcpguard,
    args: ["proxy", "--policy", policy, "--audit", audit, ...proxyFlags, "--", ...server],
    env: { ...process.env, ...env },
    stderr: "pipe",
  });
  const stderr = [];
  transport.stderr?.on("data", (chunk) => stderr.push(chunk.toString()));
  const counts = { sent: 0, received: 0 };
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    counts.sent++;
    return send(message, options);
  };
  // The SDK installs its handler when it connects: count through it.
  let handler;
  Object.defineProperty(transport, "onmessage", {
    get: () => handler,
    set: (fn) => {
      handler = fn && ((message, extra) => {
        counts.received++;
        return fn(message, extra);
      });
    },
  });
  const client = new Client({ name: "mcpguard-e2e", version: "1.0.0" });
  await client.connect(transport);
  return { client, transport, counts, stderr: () => stderr.join("") };
}

// The audit log's events (JSON Lines), after `mcpguard audit verify` passed.
export function auditEvents(path) {
  execFileSync(mcpguard, ["audit", "verify", path], { stdio: "pipe" });
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line));
}

export const messageEvents = (events) => events.filter((e) => e["event.name"] === "MESSAGE");
