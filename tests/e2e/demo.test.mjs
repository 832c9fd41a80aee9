// The README's demo (examples/demo/demo.mjs) runs and shows what it claims.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";

import { mcpguard, requirePackage, sourceDir } from "./harness.mjs";

requirePackage("@modelcontextprotocol/server-filesystem/dist/index.js");

test("the demo shows each verdict it promises, from a verified audit log", () => {
  const output = execFileSync(process.execPath,
                              [join(sourceDir, "examples", "demo", "demo.mjs"), mcpguard],
                              { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  assert.match(output, /read_text_file README\.md\n\s+ok: "# Demo project/);
  assert.match(output, /path traversal\)\n\s+refused: JSON-RPC error -32030/);
  assert.match(output, /destructive tool\)\n\s+refused: JSON-RPC error -32030 \(denied by rule\)/);
  assert.match(output, /\[REDACTED:aws_access_key_id\]/);
  assert.ok(!output.includes("AKIAZ7QE5XKM2RBTGN4P"), "the planted key was shown");
  assert.match(output, /the poisoned tool\)\n\s+refused/);
  assert.match(output, /after the rug pull\)\n\s+refused: .*definition of tool "read_note" changed/);
  assert.match(output, /no-destructive-tools/);
  assert.match(output, /ok: \d+ events, sequence 0\.\.\d+, SHA-256 chain/);
});
