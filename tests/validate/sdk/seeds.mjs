// Seed messages for generate_messages.mjs: one realistic, valid 2025-11-25
// message (or more, for variants such as content block types) for every
// client and server request, notification and result. Values follow the
// examples of the specification's pages.
//
// A seed is {name, direction, kind, method} and either `body` (the members
// of a request or notification besides jsonrpc, id and method: usually
// {params}) or `result` (the result object of a response answering a
// request for `method`). A result seed may name `sdkSchema`, the SDK's
// export that checks it instead of the method's usual result schema (the
// CreateTaskResult answering a task-augmented request).

const TO_SERVER = 'to_server';
const TO_CLIENT = 'to_client';

const request = (name, direction, method, params) =>
  ({ name, direction, kind: 'request', method, body: params === undefined ? {} : { params } });
const notification = (name, direction, method, params) =>
  ({ name, direction, kind: 'notification', method, body: params === undefined ? {} : { params } });
const result = (name, direction, method, value) =>
  ({ name, direction, kind: 'result', method, result: value });

// Both directions: ping and the tasks methods are sent by either party.
const both = (make, name, ...rest) => [
  make(`${name}.to_server`, TO_SERVER, ...rest),
  make(`${name}.to_client`, TO_CLIENT, ...rest),
];

// ---- Shared pieces --------------------------------------------------------

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9aw' +
    'AAAABJRU5ErkJggg==';
const WAV = 'UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YQAAAAA=';

const annotations = {
  audience: ['user', 'assistant'], priority: 0.8, lastModified: '2025-01-12T15:00:58Z',
};
const icon = {
  src: 'https://example.com/icon.png', mimeType: 'image/png', sizes: ['48x48'], theme: 'light',
};

const textBlock = {
  type: 'text', text: 'Current weather in New York: 72°F, partly cloudy', annotations,
};
const imageBlock = { type: 'image', data: PNG, mimeType: 'image/png', annotations };
const audioBlock = { type: 'audio', data: WAV, mimeType: 'audio/wav' };
const resourceLinkBlock = {
  type: 'resource_link', uri: 'file:///project/src/main.rs', name: 'main.rs',
  description: 'Primary application entry point', mimeType: 'text/x-rust', size: 1024, annotations,
};
const textResource = {
  uri: 'file:///project/src/main.rs', mimeType: 'text/x-rust', text: 'fn main() {}',
};
const blobResource = { uri: 'file:///project/logo.png', mimeType: 'image/png', blob: PNG };
const embeddedTextBlock = { type: 'resource', resource: textResource, annotations };
const embeddedBlobBlock = { type: 'resource', resource: blobResource };
const toolUseBlock = {
  type: 'tool_use', id: 'call_abc123', name: 'get_weather', input: { city: 'Paris' },
};
const toolResultBlock = {
  type: 'tool_result', toolUseId: 'call_abc123',
  content: [{ type: 'text', text: 'Weather in Paris: 18°C, partly cloudy' }],
};

const contentBlocks = [
  ['text', textBlock], ['image', imageBlock], ['audio', audioBlock],
  ['resource_link', resourceLinkBlock], ['resource_text', embeddedTextBlock],
  ['resource_blob', embeddedBlobBlock],
];
const samplingBlocks = [
  ['text', { type: 'text', text: 'What is the capital of France?' }], ['image', imageBlock],
  ['audio', audioBlock], ['tool_use', toolUseBlock], ['tool_result', toolResultBlock],
];

const task = {
  taskId: '786512e2-9e0d-44bd-8f29-789f320fe840', status: 'working', ttl: 60000,
  createdAt: '2025-11-25T10:30:00Z', lastUpdatedAt: '2025-11-25T10:40:00Z', pollInterval: 5000,
  statusMessage: 'The operation is now in progress.',
};

const tool = {
  name: 'get_weather', title: 'Weather Information Provider',
  description: 'Get current weather information for a location',
  inputSchema: {
    type: 'object',
    properties: { location: { type: 'string', description: 'City name or zip code' } },
    required: ['location'],
  },
  outputSchema: {
    type: 'object',
    properties: { temperature: { type: 'number' }, conditions: { type: 'string' } },
    required: ['temperature', 'conditions'],
  },
  icons: [icon],
  annotations: { title: 'Weather', readOnlyHint: true, destructiveHint: false, idempotentHint: true,
                 openWorldHint: true },
  execution: { taskSupport: 'optional' },
};

// ---- Client requests ------------------------------------------------------

const clientRequests = [
  request('InitializeRequest', TO_SERVER, 'initialize', {
    protocolVersion: '2025-11-25',
    capabilities: {
      roots: { listChanged: true }, sampling: { tools: {} }, elicitation: { form: {}, url: {} },
      tasks: { list: {}, cancel: {}, requests: { sampling: { createMessage: {} } } },
      experimental: { 'example.com/feature': {} },
    },
    clientInfo: { name: 'ExampleClient', title: 'Example Client Display Name', version: '1.0.0',
                  description: 'An example MCP client', icons: [icon],
                  websiteUrl: 'https://example.com' },
  }),
  ...both(request, 'PingRequest', 'ping'),
  request('PingRequest.progress', TO_SERVER, 'ping', { _meta: { progressToken: 'abc123' } }),
  request('CompleteRequest.prompt', TO_SERVER, 'completion/complete', {
    ref: { type: 'ref/prompt', name: 'code_review' },
    argument: { name: 'language', value: 'py' },
    context: { arguments: { framework: 'flask' } },
  }),
  request('CompleteRequest.resource', TO_SERVER, 'completion/complete', {
    ref: { type: 'ref/resource', uri: 'file:///{path}' }, argument: { name: 'path', value: 'src/' },
  }),
  request('SetLevelRequest', TO_SERVER, 'logging/setLevel', { level: 'info' }),
  request('GetPromptRequest', TO_SERVER, 'prompts/get',
          { name: 'code_review', arguments: { code: "def hello():\n    print('world')" } }),
  request('ListPromptsRequest', TO_SERVER, 'prompts/list', { cursor: 'optional-cursor-value' }),
  request('ListResourcesRequest', TO_SERVER, 'resources/list', { cursor: 'page-2' }),
  request('ListResourceTemplatesRequest', TO_SERVER, 'resources/templates/list', {}),
  request('ReadResourceRequest', TO_SERVER, 'resources/read',
          { uri: 'file:///project/src/main.rs' }),
  request('SubscribeRequest', TO_SERVER, 'resources/subscribe',
          { uri: 'file:///project/src/main.rs' }),
  request('UnsubscribeRequest', TO_SERVER, 'resources/unsubscribe',
          { uri: 'file:///project/src/main.rs' }),
  request('CallToolRequest', TO_SERVER, 'tools/call', {
    name: 'get_weather', arguments: { location: 'New York' }, _meta: { progressToken: 7 },
  }),
  request('CallToolRequest.task', TO_SERVER, 'tools/call',
          { name: 'get_weather', arguments: { location: 'New York' }, task: { ttl: 60000 } }),
  request('ListToolsRequest', TO_SERVER, 'tools/list', {}),
  ...both(request, 'GetTaskRequest', 'tasks/get', { taskId: task.taskId }),
  ...both(request, 'GetTaskPayloadRequest', 'tasks/result', { taskId: task.taskId }),
  ...both(request, 'ListTasksRequest', 'tasks/list', { cursor: 'next' }),
  ...both(request, 'CancelTaskRequest', 'tasks/cancel', { taskId: task.taskId }),
];

// ---- Server requests ------------------------------------------------------

const elicitProperties = {
  name: { type: 'string', title: 'Full name', minLength: 1, maxLength: 100 },
  email: { type: 'string', format: 'email', description: 'Your email address' },
  age: { type: 'integer', minimum: 0, maximum: 150, default: 30 },
  score: { type: 'number', minimum: 0, maximum: 1 },
  subscribe: { type: 'boolean', default: false },
  color: { type: 'string', enum: ['red', 'green'], default: 'red' },
  size: { type: 'string', oneOf: [{ const: 's', title: 'Small' }, { const: 'l', title: 'Large' }] },
  legacy: { type: 'string', enum: ['a', 'b'], enumNames: ['Option A', 'Option B'] },
  tags: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'string', enum: ['x', 'y'] } },
  toppings: { type: 'array', items: { anyOf: [{ const: 'ham', title: 'Ham' }] }, default: ['ham'] },
};

const serverRequests = [
  request('CreateMessageRequest', TO_CLIENT, 'sampling/createMessage', {
    messages: [{ role: 'user', content: { type: 'text', text: 'What is the capital of France?' } }],
    modelPreferences: { hints: [{ name: 'claude-3-sonnet' }], intelligencePriority: 0.8,
                        speedPriority: 0.5, costPriority: 0.3 },
    systemPrompt: 'You are a helpful assistant.', includeContext: 'thisServer', temperature: 0.7,
    maxTokens: 100, stopSequences: ['\n\n'], metadata: { trace: 'abc' },
  }),
  ...samplingBlocks.map(([label, block]) =>
    request(`CreateMessageRequest.tools.${label}`, TO_CLIENT, 'sampling/createMessage', {
      messages: [{ role: label === 'tool_use' ? 'assistant' : 'user', content: [block] }],
      tools: [tool], toolChoice: { mode: 'auto' }, maxTokens: 1000,
    })),
  request('ElicitRequest.form', TO_CLIENT, 'elicitation/create', {
    mode: 'form', message: 'Please provide your contact information',
    requestedSchema: { type: 'object', properties: elicitProperties, required: ['name', 'email'] },
  }),
  request('ElicitRequest.url', TO_CLIENT, 'elicitation/create', {
    mode: 'url', elicitationId: '550e8400-e29b-41d4-a716-446655440000',
    url: 'https://mcp.example.com/ui/set_api_key',
    message: 'Please provide your API key to continue.',
  }),
  request('ListRootsRequest', TO_CLIENT, 'roots/list'),
];

// ---- Notifications --------------------------------------------------------

const notifications = [
  ...both(notification, 'CancelledNotification', 'notifications/cancelled',
          { requestId: '123', reason: 'User requested cancellation' }),
  ...both(notification, 'ProgressNotification', 'notifications/progress',
          { progressToken: 'abc123', progress: 50, total: 100,
            message: 'Reticulating splines...' }),
  notification('InitializedNotification', TO_SERVER, 'notifications/initialized'),
  notification('RootsListChangedNotification', TO_SERVER, 'notifications/roots/list_changed'),
  ...both(notification, 'TaskStatusNotification', 'notifications/tasks/status', task),
  notification('LoggingMessageNotification', TO_CLIENT, 'notifications/message', {
    level: 'error', logger: 'database',
    data: { error: 'Connection failed', details: { host: 'localhost', port: 5432 } },
  }),
  notification('ResourceUpdatedNotification', TO_CLIENT, 'notifications/resources/updated',
               { uri: 'file:///project/src/main.rs' }),
  notification('ResourceListChangedNotification', TO_CLIENT,
               'notifications/resources/list_changed'),
  notification('ToolListChangedNotification', TO_CLIENT, 'notifications/tools/list_changed'),
  notification('PromptListChangedNotification', TO_CLIENT, 'notifications/prompts/list_changed'),
  notification('ElicitationCompleteNotification', TO_CLIENT,
               'notifications/elicitation/complete',
               { elicitationId: '550e8400-e29b-41d4-a716-446655440000' }),
];

// ---- Results --------------------------------------------------------------

const results = [
  ...both(result, 'EmptyResult.ping', 'ping', {}),
  result('EmptyResult.setLevel', TO_CLIENT, 'logging/setLevel', { _meta: { trace: 'x' } }),
  result('EmptyResult.subscribe', TO_CLIENT, 'resources/subscribe', {}),
  result('EmptyResult.unsubscribe', TO_CLIENT, 'resources/unsubscribe', {}),
  result('InitializeResult', TO_CLIENT, 'initialize', {
    protocolVersion: '2025-11-25',
    capabilities: {
      logging: {}, completions: {}, prompts: { listChanged: true },
      resources: { subscribe: true, listChanged: true }, tools: { listChanged: true },
      tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } },
    },
    serverInfo: { name: 'ExampleServer', title: 'Example Server Display Name', version: '1.0.0',
                  icons: [icon], websiteUrl: 'https://example.com' },
    instructions: 'Optional instructions for the client',
  }),
  result('CompleteResult', TO_CLIENT, 'completion/complete',
         { completion: { values: ['python', 'pytorch', 'pyside'], total: 10, hasMore: true } }),
  ...contentBlocks.map(([label, block]) =>
    result(`GetPromptResult.${label}`, TO_CLIENT, 'prompts/get', {
      description: 'Code review prompt',
      messages: [{ role: 'user', content: block }],
    })),
  result('ListPromptsResult', TO_CLIENT, 'prompts/list', {
    prompts: [{ name: 'code_review', title: 'Request Code Review',
                description: 'Asks the LLM to analyze code quality and suggest improvements',
                arguments: [{ name: 'code', description: 'The code to review', required: true }],
                icons: [icon] }],
    nextCursor: 'next-page-cursor',
  }),
  result('ListResourcesResult', TO_CLIENT, 'resources/list', {
    resources: [{ uri: 'file:///project/src/main.rs', name: 'main.rs', title: 'Rust Software',
                  description: 'Primary application entry point', mimeType: 'text/x-rust',
                  size: 1024, annotations, icons: [icon] }],
    nextCursor: 'next-page-cursor',
  }),
  result('ListResourceTemplatesResult', TO_CLIENT, 'resources/templates/list', {
    resourceTemplates: [{ uriTemplate: 'file:///{path}', name: 'Project Files',
                          title: 'Project Files', description: 'Access files in the project',
                          mimeType: 'application/octet-stream', annotations }],
  }),
  result('ReadResourceResult.text', TO_CLIENT, 'resources/read', { contents: [textResource] }),
  result('ReadResourceResult.blob', TO_CLIENT, 'resources/read', { contents: [blobResource] }),
  ...contentBlocks.map(([label, block]) =>
    result(`CallToolResult.${label}`, TO_CLIENT, 'tools/call',
           { content: [block], isError: false })),
  result('CallToolResult.structured', TO_CLIENT, 'tools/call', {
    content: [{ type: 'text', text: '{"temperature": 22.5, "conditions": "Partly cloudy"}' }],
    structuredContent: { temperature: 22.5, conditions: 'Partly cloudy' },
  }),
  result('CallToolResult.error', TO_CLIENT, 'tools/call', {
    content: [{ type: 'text', text: 'Invalid departure date: must be in the future.' }],
    isError: true,
  }),
  // A task-augmented request is answered with a CreateTaskResult.
  { ...result('CreateTaskResult.tools_call', TO_CLIENT, 'tools/call', { task }),
    sdkSchema: 'CreateTaskResultSchema' },
  result('ListToolsResult', TO_CLIENT, 'tools/list', { tools: [tool], nextCursor: 'next' }),
  ...both(result, 'GetTaskResult', 'tasks/get', task),
  ...both(result, 'GetTaskPayloadResult', 'tasks/result', {
    content: [{ type: 'text', text: 'done' }],
    _meta: { 'io.modelcontextprotocol/related-task': { taskId: task.taskId } },
  }),
  ...both(result, 'ListTasksResult', 'tasks/list',
          { tasks: [task, { ...task, taskId: 'b', status: 'completed', ttl: null }],
            nextCursor: 'next' }),
  ...both(result, 'CancelTaskResult', 'tasks/cancel', { ...task, status: 'cancelled' }),
  result('CreateMessageResult', TO_SERVER, 'sampling/createMessage', {
    role: 'assistant', content: { type: 'text', text: 'The capital of France is Paris.' },
    model: 'claude-3-sonnet-20240307', stopReason: 'endTurn',
  }),
  ...samplingBlocks.map(([label, block]) =>
    result(`CreateMessageResult.tools.${label}`, TO_SERVER, 'sampling/createMessage', {
      role: 'assistant', content: [block], model: 'claude-3-sonnet-20240307', stopReason: 'toolUse',
    })),
  result('ElicitResult.accept', TO_SERVER, 'elicitation/create', {
    action: 'accept',
    content: { name: 'Octocat', age: 30, subscribe: true, tags: ['x', 'y'] },
  }),
  result('ElicitResult.decline', TO_SERVER, 'elicitation/create', { action: 'decline' }),
  { ...result('CreateTaskResult.sampling', TO_SERVER, 'sampling/createMessage', { task }),
    sdkSchema: 'CreateTaskResultSchema' },
  { ...result('CreateTaskResult.elicitation', TO_SERVER, 'elicitation/create',
              { task: { ...task, status: 'input_required' } }),
    sdkSchema: 'CreateTaskResultSchema' },
  result('ListRootsResult', TO_SERVER, 'roots/list',
         { roots: [{ uri: 'file:///home/user/projects/myproject', name: 'My Project' }] }),
];

export const seeds = [
  ...clientRequests, ...serverRequests, ...notifications, ...results,
];
