// ajv's side of benchmarks/compare_ajv.sh: JSON.parse + validate of the
// fixtures mcpguard_benchmarks --dump_validation_fixtures=DIR wrote, timed the
// way Google Benchmark times mcpguard's side (batches until ~0.5 s, median of
// 10 repetitions). Prints one JSON object: nanoseconds per message.
//
// ajv gets the same schemas and the same work: Ajv2020 (the fixture schema is
// 2020-12), formats as annotations (mcpguard's default), first error only.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node bench.mjs FIXTURE_DIR");
  process.exit(2);
}
const read = (name) => readFileSync(join(dir, name), "utf8");

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// ns per call of fn, median of `repetitions` timed batches of ~0.5 s each.
function time(fn, repetitions = 10) {
  let batch = 1;
  for (;;) {  // Warm up and size the batch.
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) fn();
    const elapsed = Number(process.hrtime.bigint() - start);
    if (elapsed > 5e8) break;
    batch *= 2;
  }
  const results = [];
  for (let r = 0; r < repetitions; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) fn();
    results.push(Number(process.hrtime.bigint() - start) / batch);
  }
  return median(results);
}

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: false });

const argumentsSchema = ajv.compile(JSON.parse(read("schema.json")));
const call = read("call.json");
if (!argumentsSchema(JSON.parse(call).params.arguments)) {
  console.error("ajv rejects the call fixture:", JSON.stringify(argumentsSchema.errors));
  process.exit(1);
}

const mcp = JSON.parse(read("mcp_2025-11-25.json"));
ajv.addSchema(mcp, "mcp");
const listToolsResult = ajv.getSchema("mcp#/$defs/ListToolsResult");
const toolsList = read("tools_list.json");
if (!listToolsResult(JSON.parse(toolsList).result)) {
  console.error("ajv rejects the tools/list fixture:", JSON.stringify(listToolsResult.errors));
  process.exit(1);
}

const results = {
  call20: time(() => argumentsSchema(JSON.parse(call).params.arguments)),
  tools_list: time(() => listToolsResult(JSON.parse(toolsList).result)),
  node: process.version,
  ajv: JSON.parse(readFileSync(new URL("../../node_modules/ajv/package.json", import.meta.url))).version,
};
console.log(JSON.stringify(results));
