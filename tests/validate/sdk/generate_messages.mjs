// Differential corpus for mcpguard's MCP 2025-11-25 definitions: realistic
// seed messages plus systematic mutations of them, each classified by the
// official TypeScript SDK's zod schemas. One JSON line per message:
//
//   {"name", "direction": "to_server"|"to_client",
//    "kind": "request"|"notification"|"result", "method", "message",
//    "sdk_valid", "sdk_error", "sdk_union_valid"}
//
// `method` of a result is the method of the request it answers. The SDK
// verdict is the JSON-RPC envelope schema (JSONRPCRequestSchema, ...) and the
// per-method schema (CallToolRequestSchema, CallToolResultSchema, ...; a
// seed's `sdkSchema` overrides it, e.g. CreateTaskResultSchema for the
// answer to a task-augmented request). `sdk_union_valid` is the envelope and
// the direction's union (ClientRequestSchema, ...), for comparison only: for
// requests and notifications it always agrees; for results it cannot, since
// the result unions do not know the method (CallToolResultSchema, whose
// `content` defaults to [], accepts almost any object). A method the
// direction's union does not know has no per-method schema there, so the
// union decides (messages sent by the wrong party).
//
// Deterministic: same SDK, same lines in the same order.
// Usage: node generate_messages.mjs [output-path]   (default: stdout)
import { writeFileSync } from 'node:fs';
import * as sdk from '@modelcontextprotocol/sdk/types.js';
import { seeds } from './seeds.mjs';

const TO_SERVER = 'to_server';
const TO_CLIENT = 'to_client';

// What a request, notification or result of each method is checked with,
// per direction. Both directions use the same per-method schemas; the tables
// only say which party may send what.
const clientRequests = {
  'ping': sdk.PingRequestSchema,
  'initialize': sdk.InitializeRequestSchema,
  'completion/complete': sdk.CompleteRequestSchema,
  'logging/setLevel': sdk.SetLevelRequestSchema,
  'prompts/get': sdk.GetPromptRequestSchema,
  'prompts/list': sdk.ListPromptsRequestSchema,
  'resources/list': sdk.ListResourcesRequestSchema,
  'resources/templates/list': sdk.ListResourceTemplatesRequestSchema,
  'resources/read': sdk.ReadResourceRequestSchema,
  'resources/subscribe': sdk.SubscribeRequestSchema,
  'resources/unsubscribe': sdk.UnsubscribeRequestSchema,
  'tools/call': sdk.CallToolRequestSchema,
  'tools/list': sdk.ListToolsRequestSchema,
  'tasks/get': sdk.GetTaskRequestSchema,
  'tasks/result': sdk.GetTaskPayloadRequestSchema,
  'tasks/list': sdk.ListTasksRequestSchema,
  'tasks/cancel': sdk.CancelTaskRequestSchema,
};
const serverRequests = {
  'ping': sdk.PingRequestSchema,
  'sampling/createMessage': sdk.CreateMessageRequestSchema,
  'elicitation/create': sdk.ElicitRequestSchema,
  'roots/list': sdk.ListRootsRequestSchema,
  'tasks/get': sdk.GetTaskRequestSchema,
  'tasks/result': sdk.GetTaskPayloadRequestSchema,
  'tasks/list': sdk.ListTasksRequestSchema,
  'tasks/cancel': sdk.CancelTaskRequestSchema,
};
const clientNotifications = {
  'notifications/cancelled': sdk.CancelledNotificationSchema,
  'notifications/progress': sdk.ProgressNotificationSchema,
  'notifications/initialized': sdk.InitializedNotificationSchema,
  'notifications/roots/list_changed': sdk.RootsListChangedNotificationSchema,
  'notifications/tasks/status': sdk.TaskStatusNotificationSchema,
};
const serverNotifications = {
  'notifications/cancelled': sdk.CancelledNotificationSchema,
  'notifications/progress': sdk.ProgressNotificationSchema,
  'notifications/message': sdk.LoggingMessageNotificationSchema,
  'notifications/resources/updated': sdk.ResourceUpdatedNotificationSchema,
  'notifications/resources/list_changed': sdk.ResourceListChangedNotificationSchema,
  'notifications/tools/list_changed': sdk.ToolListChangedNotificationSchema,
  'notifications/prompts/list_changed': sdk.PromptListChangedNotificationSchema,
  'notifications/tasks/status': sdk.TaskStatusNotificationSchema,
  'notifications/elicitation/complete': sdk.ElicitationCompleteNotificationSchema,
};
// Results, by the method they answer. sampling/createMessage uses the
// with-tools schema: it is the one that matches the specification's
// CreateMessageResult (the SDK uses the other when no tools were offered).
const serverResults = {  // Sent by the server, answering client requests.
  'ping': sdk.EmptyResultSchema,
  'initialize': sdk.InitializeResultSchema,
  'completion/complete': sdk.CompleteResultSchema,
  'logging/setLevel': sdk.EmptyResultSchema,
  'prompts/get': sdk.GetPromptResultSchema,
  'prompts/list': sdk.ListPromptsResultSchema,
  'resources/list': sdk.ListResourcesResultSchema,
  'resources/templates/list': sdk.ListResourceTemplatesResultSchema,
  'resources/read': sdk.ReadResourceResultSchema,
  'resources/subscribe': sdk.EmptyResultSchema,
  'resources/unsubscribe': sdk.EmptyResultSchema,
  'tools/call': sdk.CallToolResultSchema,
  'tools/list': sdk.ListToolsResultSchema,
  'tasks/get': sdk.GetTaskResultSchema,
  'tasks/result': sdk.GetTaskPayloadResultSchema,
  'tasks/list': sdk.ListTasksResultSchema,
  'tasks/cancel': sdk.CancelTaskResultSchema,
};
const clientResults = {  // Sent by the client, answering server requests.
  'ping': sdk.EmptyResultSchema,
  'sampling/createMessage': sdk.CreateMessageResultWithToolsSchema,
  'elicitation/create': sdk.ElicitResultSchema,
  'roots/list': sdk.ListRootsResultSchema,
  'tasks/get': sdk.GetTaskResultSchema,
  'tasks/result': sdk.GetTaskPayloadResultSchema,
  'tasks/list': sdk.ListTasksResultSchema,
  'tasks/cancel': sdk.CancelTaskResultSchema,
};

const tables = {
  request: {
    [TO_SERVER]: { methods: clientRequests, union: sdk.ClientRequestSchema },
    [TO_CLIENT]: { methods: serverRequests, union: sdk.ServerRequestSchema },
  },
  notification: {
    [TO_SERVER]: { methods: clientNotifications, union: sdk.ClientNotificationSchema },
    [TO_CLIENT]: { methods: serverNotifications, union: sdk.ServerNotificationSchema },
  },
  result: {
    [TO_SERVER]: { methods: clientResults, union: sdk.ClientResultSchema },
    [TO_CLIENT]: { methods: serverResults, union: sdk.ServerResultSchema },
  },
};
const envelopes = {
  request: sdk.JSONRPCRequestSchema,
  notification: sdk.JSONRPCNotificationSchema,
  result: sdk.JSONRPCResultResponseSchema,
};

// The first issue of a failed parse, as "path: message". A union's issue
// names the branch that came closest (fewest issues; a branch rejected by
// its discriminating literal counts as far).
function firstIssue(issues) {
  const issue = issues[0];
  if (issue.code === 'invalid_union' && issue.errors && issue.errors.length > 0) {
    const score = (branch) => branch.length +
        (branch.some((i) => i.code === 'invalid_value' &&
                            ['method', 'type', 'mode'].includes(String(i.path.at(-1)))) ? 1000 : 0);
    const best = issue.errors.reduce((a, b) => (score(b) < score(a) ? b : a));
    if (best.length > 0) {
      const inner = firstIssue(best);
      const prefix = issue.path.join('/');
      return prefix === '' ? inner : `${prefix}/${inner}`;
    }
  }
  return `${issue.path.join('/')}: ${issue.message}`;
}

// Runs `schemas` in order on `value`; the first failure decides.
function check(schemas, value) {
  for (const schema of schemas) {
    const parsed = schema.safeParse(value);
    if (!parsed.success) return { valid: false, error: firstIssue(parsed.error.issues) };
  }
  return { valid: true, error: '' };
}

function classify(kind, direction, method, message, sdkSchema) {
  const table = tables[kind][direction];
  const envelope = check([envelopes[kind]], message);
  const subject = kind === 'result' ? message.result : message;
  const perMethod = sdkSchema !== undefined ? sdk[sdkSchema]
                  : Object.hasOwn(table.methods, method) ? table.methods[method] : table.union;
  let verdict = envelope;
  if (envelope.valid) {
    verdict = check([perMethod], subject);
    if (!verdict.valid && kind === 'result') verdict.error = `result/${verdict.error}`;
  }
  const union = envelope.valid && check([table.union], subject).valid;
  return { sdk_valid: verdict.valid, sdk_error: verdict.error, sdk_union_valid: union };
}

// ---- Mutations ----------------------------------------------------------

const clone = (v) => JSON.parse(JSON.stringify(v));
const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const escapeToken = (t) => String(t).replace(/~/g, '~0').replace(/\//g, '~1');

// Every member and the first element of every array, with its JSON Pointer,
// in document order.
function* nodes(value, pointer = '', parent = null, key = null) {
  yield { pointer, value, parent, key };
  if (Array.isArray(value)) {
    if (value.length > 0) yield* nodes(value[0], `${pointer}/0`, value, 0);
  } else if (value !== null && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      yield* nodes(value[k], `${pointer}/${escapeToken(k)}`, value, k);
    }
  }
}

// Replacement values for a node: [label, value] pairs. Each probes one kind
// of constraint: required members, types, enums/consts, minimums, integer
// and range bounds, closed objects.
function replacements(value) {
  const out = [['null', null]];
  switch (typeOf(value)) {
    case 'string':
      out.push(['number', 7], ['empty', ''], ['bogus', 'not-a-valid-value']);
      break;
    case 'number':
      out.push(['string', String(value)], ['fraction', value + 0.5], ['negative', -1], ['two', 2]);
      break;
    case 'boolean':
      out.push(['string', String(value)]);
      break;
    case 'object':
      out.push(['array', []], ['string', 'object']);
      break;
    case 'array':
      out.push(['object', {}], ['empty', []]);
      break;
    default:
      out.push(['number', 0]);
  }
  return out;
}

// Mutants of `message`: [label, message] pairs, deterministic order.
function* mutants(message) {
  const root = clone(message);
  for (const { pointer, value, parent, key } of nodes(root)) {
    if (parent !== null && !Array.isArray(parent)) {
      const dropped = clone(message);
      const target = resolve(dropped, pointer);
      delete target.parent[target.key];
      yield [`drop:${pointer}`, dropped];
    }
    if (parent !== null) {
      for (const [label, replacement] of replacements(value)) {
        if (JSON.stringify(replacement) === JSON.stringify(value)) continue;
        const changed = clone(message);
        const target = resolve(changed, pointer);
        target.parent[target.key] = clone(replacement);
        yield [`${label}:${pointer}`, changed];
      }
    }
    if (typeOf(value) === 'object') {
      const extended = clone(message);
      const target = pointer === '' ? extended : resolve(extended, pointer).value;
      target['x-extra'] = true;
      yield [`extra:${pointer || '/'}`, extended];
    }
  }
}

function resolve(root, pointer) {
  const tokens = pointer.split('/').slice(1)
      .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  let parent = null;
  let key = null;
  let value = root;
  for (const token of tokens) {
    parent = value;
    key = Array.isArray(parent) ? Number(token) : token;
    value = parent[key];
  }
  return { parent, key, value };
}

// Ids a request or response may not carry, and edge cases it may.
// (The mutations already give /id null, "1", 1.5, -1 and 2.)
const ids = [
  ['id-string', 'req-7'], ['id-zero', 0], ['id-empty-string', ''], ['id-bool', true],
  ['id-object', {}], ['id-array', [1]], ['id-max-safe-integer', 9007199254740991],
  ['id-unsafe-integer', 9007199254740993],
];

// ---- Output ---------------------------------------------------------------

const lines = [];
const seen = new Set();
let unionDisagreements = 0;
function emit(name, direction, kind, method, message, sdkSchema) {
  if (seen.has(name)) throw new Error(`duplicate message name ${name}`);
  seen.add(name);
  const verdict = classify(kind, direction, method, message, sdkSchema);
  if (verdict.sdk_valid !== verdict.sdk_union_valid) unionDisagreements++;
  lines.push(JSON.stringify({ name, direction, kind, method, message, ...verdict }));
}

const flip = (d) => (d === TO_SERVER ? TO_CLIENT : TO_SERVER);
for (const seed of seeds) {
  const { name, direction, kind, method, sdkSchema } = seed;
  const message = kind === 'request' ? { jsonrpc: '2.0', id: 1, method, ...seed.body }
                : kind === 'notification' ? { jsonrpc: '2.0', method, ...seed.body }
                : { jsonrpc: '2.0', id: 1, result: seed.result };
  emit(name, direction, kind, method, message, sdkSchema);
  for (const [label, mutant] of mutants(message)) {
    emit(`${name}/${label}`, direction, kind, method, mutant, sdkSchema);
  }
  if (kind !== 'notification') {
    for (const [label, id] of ids) {
      emit(`${name}/${label}`, direction, kind, method, { ...message, id }, sdkSchema);
    }
  }
  if (kind !== 'result') emit(`${name}/wrong-direction`, flip(direction), kind, method, message);
}

const text = lines.join('\n') + '\n';
if (process.argv[2]) {
  writeFileSync(process.argv[2], text);
} else {
  process.stdout.write(text);
}
const valid = lines.filter((l) => JSON.parse(l).sdk_valid).length;
process.stderr.write(`${lines.length} messages (${valid} valid per the SDK); ` +
                     `per-method and union verdicts differ on ${unionDisagreements}\n`);
