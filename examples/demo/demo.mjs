// The README's demo: the official MCP TypeScript SDK's client talks to real
// MCP servers through `mcpguard proxy`, and every message is checked against
// policy.textproto. Run by tools/demo.sh (which builds mcpguard first):
//   node examples/demo/demo.mjs [path/to/mcpguard]
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const sourceDir = resolve(here, "..", "..");
const mcpguard = resolve(process.argv[2] ?? join(sourceDir, "build", "tools", "mcpguard"));
const require = createRequire(join(sourceDir, "package.json"));
const { Client } = await import(require.resolve("@modelcontextprotocol/sdk/client/index.js"));
const { StdioClientTransport } = await import(
  require.resolve("@modelcontextprotocol/sdk/client/stdio.js"));
const filesystemServer = require.resolve("@modelcontextprotocol/server-filesystem/dist/index.js");
const notesServer = join(sourceDir, "tests", "e2e", "fixtures", "changing_server.mjs");

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
const bold = (text) => paint("1", text);
const dim = (text) => paint("2", text);
const decisionColor = { ALLOW: "32", REWRITE: "36", DENY: "31", ASK: "33" };

// A project folder with a planted credential, and the policy pointing at it.
const work = mkdtempSync(join(tmpdir(), "mcpguard-demo-"));
const root = join(work, "project");
mkdirSync(join(root, "scratch"), { recursive: true });
writeFileSync(join(root, "README.md"), "# Demo project\nNothing to see here.\n");
writeFileSync(join(root, "deploy.txt"),
              "Deploy with aws_access_key_id = AKIAZ7QE5XKM2RBTGN4P (rotate monthly)\n");
writeFileSync(join(work, "secret-outside.txt"), "outside the project\n");
const policy = join(work, "policy.textproto");
writeFileSync(policy, readFileSync(join(here, "policy.textproto"), "utf8")
  .replaceAll("@ROOT@", root));
const auditLog = join(work, "audit.jsonl");
console.log(bold("$ mcpguard check examples/demo/policy.textproto") + dim(` (project: ${root})`));
console.log(execFileSync(mcpguard, ["check", policy], { encoding: "utf8" }).trim());

async function connect(server, serverId) {
  const transport = new StdioClientTransport({
    command: mcpguard,
    args: ["proxy", "--policy", policy, "--audit", auditLog, "--principal", "alice",
           "--server", serverId, "--", ...server],
    stderr: "ignore",
    env: { ...process.env, MCPGUARD_SOURCE_DIR: sourceDir, CALL_LOG: join(work, "calls.txt") },
  });
  const client = new Client({ name: "mcpguard-demo", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

let step = 0;
async function show(title, action) {
  step++;
  let outcome;
  try {
    outcome = paint("32", `ok: ${await action()}`);
  } catch (error) {
    const why = error.data?.reason ? ` (${error.data.reason})` : "";
    outcome = paint("31", `refused: JSON-RPC error ${error.code}${why}`);
  }
  console.log(`${bold(String(step).padStart(2))}. ${title}\n    ${outcome}`);
}
const text = (result) => JSON.stringify(result.content?.[0]?.text ?? "").slice(0, 90);
const call = (client, name, args) => client.callTool({ name, arguments: args });

console.log(bold("\n== The SDK client -> mcpguard proxy -> @modelcontextprotocol/server-filesystem"));
const fs = await connect([process.execPath, filesystemServer, root], "filesystem");
await show("tools/list (the server offers 14 tools)", async () => {
  const { tools } = await fs.listTools();
  return `${tools.length} visible: ${tools.map((t) => t.name).join(", ")}`;
});
await show("read_text_file README.md", async () =>
  text(await call(fs, "read_text_file", { path: join(root, "README.md") })));
await show("write_file scratch/notes.md", async () =>
  text(await call(fs, "write_file", { path: join(root, "scratch", "notes.md"), content: "hi" })));
await show("read_text_file project/../secret-outside.txt (path traversal)", async () =>
  text(await call(fs, "read_text_file", { path: `${root}/../secret-outside.txt` })));
await show("read_text_file /etc/passwd", async () =>
  text(await call(fs, "read_text_file", { path: "/etc/passwd" })));
await show("move_file README.md -> scratch/ (a destructive tool)", async () =>
  text(await call(fs, "move_file", { source: join(root, "README.md"),
                                     destination: join(root, "scratch", "README.md") })));
await show("read_text_file deploy.txt (holds an AWS access key)", async () =>
  text(await call(fs, "read_text_file", { path: join(root, "deploy.txt") })));
await fs.close();

console.log(bold("\n== The SDK client -> mcpguard proxy -> a notes server (tests/e2e/fixtures)"));
const notes = await connect([process.execPath, notesServer], "notes");
await show("tools/list (add_note's description hides instructions for the model)", async () =>
  `visible: ${(await notes.listTools()).tools.map((t) => t.name).join(", ")}`);
await show("add_note (the poisoned tool)", async () =>
  text(await call(notes, "add_note", { title: "x" })));
await show("read_note", async () => text(await call(notes, "read_note", { title: "todo" })));
await show("tools/list again (read_note's description changed: a rug pull)", async () =>
  `visible: [${(await notes.listTools()).tools.map((t) => t.name).join(", ")}]`);
await show("read_note (after the rug pull)", async () =>
  text(await call(notes, "read_note", { title: "todo" })));
await notes.close();

// What the guard decided, from its audit log.
const verify = execFileSync(mcpguard, ["audit", "verify", auditLog], { encoding: "utf8" });
const events = readFileSync(auditLog, "utf8").split("\n").filter(Boolean).map(JSON.parse)
  .filter((e) => e["event.name"] === "MESSAGE");
console.log(bold("\n== Every message, as the audit log records it"));
const row = (cells, widths) => cells.map((c, i) => String(c).padEnd(widths[i])).join("  ");
const widths = [10, 3, 40, 8, 22];
console.log(bold(row(["server", "", "message", "decision", "rule", "reason"], widths)));
for (const e of events) {
  const arrow = e["mcpguard.direction"] === "TO_SERVER" ? "->" : "<-";
  const args = e["mcpguard.arguments.redacted"];
  const path = args?.path ?? args?.source ?? "";
  const what = [e["mcp.method.name"] ?? "(response)", e["gen_ai.tool.name"] ?? "",
                path.replace(root, "~")].filter(Boolean).join(" ").slice(0, 40);
  const decision = e["mcpguard.decision"];
  const cells = [e["mcpguard.server.id"] ?? "", arrow, what, decision,
                 e["mcpguard.rule.id"] ?? "-", (e["mcpguard.reason"] ?? "").slice(0, 70)];
  const line = row(cells, widths);
  const at = line.indexOf(decision, 10 + 2 + 3 + 2 + 40);
  console.log(line.slice(0, at) + paint(decisionColor[decision] ?? "0", decision) +
              line.slice(at + decision.length));
}
console.log(`\n${verify.trim()}`);
console.log(`audit log: ${bold(auditLog)}  (mcpguard audit show ${auditLog})`);
