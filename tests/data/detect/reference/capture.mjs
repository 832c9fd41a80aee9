// Captures the tools/list result of the MCP reference servers, for
// tests/guard/reference_servers_test.cc (the detectors must find nothing in
// them). Run from a folder where the pinned packages are installed:
//   npm install --save-exact @modelcontextprotocol/sdk@1.32.2 \
//     @modelcontextprotocol/server-everything@2026.8.31 \
//     @modelcontextprotocol/server-filesystem@2026.8.31
//   node capture.mjs OUT_DIR
// Writes OUT_DIR/<server>.json: {"server", "version", "result"} with the
// raw tools/list result, every page.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const out = process.argv[2] ?? ".";

async function capture(name, pkg, args) {
  const pkgJson = require.resolve(`${pkg}/package.json`);
  const meta = JSON.parse(readFileSync(pkgJson, "utf8"));
  const bin = join(pkgJson, "..", typeof meta.bin === "string" ? meta.bin : Object.values(meta.bin)[0]);
  const transport = new StdioClientTransport({ command: process.execPath, args: [bin, ...args], stderr: "ignore" });
  const client = new Client({ name: "mcpguard-capture", version: "1" });
  await client.connect(transport);
  const tools = [];
  let cursor;
  do {
    const page = await client.listTools(cursor ? { cursor } : {});
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor);
  await client.close();
  writeFileSync(join(out, `${name}.json`),
                JSON.stringify({ server: pkg, version: meta.version, result: { tools } }, null, 1) + "\n");
  console.log(`${name}: ${tools.length} tools (${pkg}@${meta.version})`);
}

const root = mkdtempSync(join(tmpdir(), "mcpguard-capture-"));
await capture("server-filesystem", "@modelcontextprotocol/server-filesystem", [root]);
await capture("server-everything", "@modelcontextprotocol/server-everything", ["stdio"]);
