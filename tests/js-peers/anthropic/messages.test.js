// The official Anthropic JavaScript SDK (package `@anthropic-ai/sdk`) against the emulator's POST /v1/messages
// (docs/protocols/claude-messages.md) and the gateway's key check (docs/protocols/gateway.md#authentication).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Anthropic, { APIError, AuthenticationError, BadRequestError } from '@anthropic-ai/sdk';
import { apiKey, faultHeader, recordingFetch, rejection, root, weatherParameters, weatherQuestion, wrongKey } from '../support.js';

const model = 'claude-sonnet-4-5';
// The SDK appends /v1/messages to its base URL, so it takes the emulator's root.
const sdk = (options = {}) => new Anthropic({ apiKey, baseURL: root, maxRetries: 0, ...options });
const weatherTool = { name: 'get_weather', description: 'Gets the current weather for a city.', input_schema: weatherParameters };
const textOf = (message) => message.content.filter((b) => b.type === 'text').map((b) => b.text).join('');

test('messages: plain message answers about the question', async () => {
  const recorder = recordingFetch();
  const message = await sdk({ fetch: recorder.fetch }).messages.create({
    model,
    max_tokens: 1024,
    messages: [{ role: 'user', content: 'What is the capital of France?' }],
  });

  assert.match(message.id, /^msg_/);
  assert.equal(message.type, 'message');
  assert.equal(message.role, 'assistant');
  assert.equal(message.model, model);
  assert.equal(message.stop_reason, 'end_turn');
  assert.match(textOf(message), /capital of France/);
  assert.ok(message.usage.input_tokens > 0 && message.usage.output_tokens > 0);
  // This SDK version sends apiKey as a Bearer token and a dated anthropic-version the gateway does not check
  // (docs/protocols/gateway.md#authentication: x-api-key or Bearer on /v1/messages, any version).
  const sent = recorder.requests[0].headers;
  assert.equal(sent.get('x-api-key') ?? sent.get('authorization')?.replace(/^Bearer /, ''), apiKey);
  assert.match(sent.get('anthropic-version'), /^\d{4}-\d{2}-\d{2}$/);
});

test('messages: streamed message puts together the same text, with its stop reason and usage', async () => {
  const request = { model, max_tokens: 1024, messages: [{ role: 'user', content: 'Explain in two sentences what a connection pool is.' }] };
  const whole = await sdk().messages.create(request);

  const stream = sdk().messages.stream(request);
  const deltas = [];
  stream.on('text', (delta) => deltas.push(delta));
  const final = await stream.finalMessage();

  assert.ok(deltas.length > 2, `text should arrive in several deltas, got ${deltas.length}`);
  assert.equal(deltas.join(''), textOf(whole));
  assert.equal(textOf(final), textOf(whole));
  assert.equal(final.stop_reason, 'end_turn');
  assert.equal(final.usage.output_tokens, whole.usage.output_tokens);
  assert.equal(final.usage.input_tokens, whole.usage.input_tokens);
});

test('messages: tool round trip, streamed tool input, then an answer that uses the result', async () => {
  const client = sdk();
  const messages = [{ role: 'user', content: weatherQuestion }];

  // The SDK's stream helper rebuilds the tool input from the input_json_delta fragments.
  const first = await client.messages.stream({ model, max_tokens: 1024, tools: [weatherTool], messages }).finalMessage();

  assert.equal(first.stop_reason, 'tool_use');
  const toolUses = first.content.filter((b) => b.type === 'tool_use');
  assert.equal(toolUses.length, 1);
  assert.match(toolUses[0].id, /^toolu_/);
  assert.equal(toolUses[0].name, 'get_weather');
  assert.deepEqual(toolUses[0].input, { city: 'Paris' });

  messages.push(
    { role: 'assistant', content: first.content },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUses[0].id, content: '18 degrees and sunny' }] },
  );
  const second = await client.messages.create({ model, max_tokens: 1024, tools: [weatherTool], messages });

  assert.equal(second.stop_reason, 'end_turn');
  assert.match(textOf(second), /get_weather returned: 18 degrees and sunny/);
});

test('messages: thinking round trip with a tool, the signed thinking block sent back and accepted', async () => {
  const recorder = recordingFetch();
  const client = sdk({ fetch: recorder.fetch });
  const settings = { model, max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 }, tools: [weatherTool] };
  const messages = [{ role: 'user', content: weatherQuestion }];

  // Streamed: the SDK puts the thinking together from thinking_delta pieces and the signature_delta.
  const first = await client.messages.stream({ ...settings, messages }).finalMessage();

  assert.equal(first.stop_reason, 'tool_use');
  const [thinking, ...rest] = first.content;
  assert.equal(thinking.type, 'thinking');
  assert.match(thinking.thinking, /get_weather/);
  assert.ok(thinking.signature.length > 20, 'a signature');
  const toolUse = rest.find((b) => b.type === 'tool_use');
  assert.deepEqual(toolUse.input, { city: 'Paris' });

  messages.push(
    { role: 'assistant', content: first.content },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '18 degrees and sunny' }] },
  );
  const second = await client.messages.create({ ...settings, messages });

  assert.equal(second.stop_reason, 'end_turn');
  assert.match(textOf(second), /18 degrees and sunny/);
  const echoed = recorder.json(-1).messages[1].content[0];
  assert.deepEqual({ type: echoed.type, thinking: echoed.thinking, signature: echoed.signature }, { type: 'thinking', thinking: thinking.thinking, signature: thinking.signature });

  // The emulator checks signatures, so the acceptance above means something: an altered block is refused.
  messages[1] = { role: 'assistant', content: [{ ...thinking, thinking: `${thinking.thinking} (edited)` }, ...rest] };
  const error = await rejection(client.messages.create({ ...settings, messages }), 'an altered thinking block must be refused');
  assert.ok(error instanceof BadRequestError, `expected BadRequestError, got ${error?.constructor?.name}: ${error?.message}`);
  // new-api relays Anthropic's 400 typed from its (null) code: `<nil>` (docs/emulator.md, docs/protocols/gateway.md).
  assert.equal(error.error.error.type, '<nil>');
  assert.match(error.error.error.message, /Invalid `signature` in `thinking` block/);
});

test('beta toolRunner: the SDK\'s own tool loop runs with thread: false, since the gateway drops `thread`', async () => {
  // On Anthropic's own client the runner keeps the conversation in a server-side thread and sends only new messages;
  // new-api re-serialises requests and drops fields it does not know (docs/protocols/gateway.md#re-serialisation), so
  // the second turn would arrive without its history. thread: false sends the whole history every turn.
  const recorder = recordingFetch();
  const cities = [];
  const runner = sdk({ fetch: recorder.fetch }).beta.messages.toolRunner({
    thread: false,
    model,
    max_tokens: 1024,
    messages: [{ role: 'user', content: 'What is the weather in Paris and London? Use the get_weather tool.' }],
    tools: [{ ...weatherTool, run: ({ city }) => (cities.push(city), `${city}: 18 degrees`) }],
  });

  const final = await runner.runUntilDone();

  assert.deepEqual(cities, ['Paris', 'London'], 'one call per place named, parallel');
  assert.match(textOf(final), /get_weather returned: Paris: 18 degrees\. get_weather returned: London: 18 degrees\./);
  assert.equal(recorder.requests.length, 2);
  assert.ok(recorder.requests.every((r) => !('thread' in JSON.parse(r.body))));
  assert.equal(recorder.json(1).messages.length, 3, 'the question, the calls and their results');
});

test('messages: an error event inside a 200 stream is raised by the SDK', async () => {
  const stream = sdk().messages.stream(
    { model, max_tokens: 1024, messages: [{ role: 'user', content: 'Explain in two sentences what a connection pool is.' }] },
    { headers: { [faultHeader]: 'stream-error=after:4' } },
  );
  const deltas = [];
  stream.on('text', (delta) => deltas.push(delta));

  const error = await rejection(stream.finalMessage(), 'the in-stream error must be raised');

  assert.ok(deltas.length > 0, 'the text before the error arrives');
  assert.ok(error instanceof APIError, `expected APIError, got ${error?.constructor?.name}: ${error?.message}`);
  assert.equal(error.error.error.type, 'overloaded_error');
});

test('models: the Claude-shaped list needs x-api-key and anthropic-version; the SDK\'s Bearer key gets the OpenAI shape', async () => {
  // new-api answers GET /v1/models in Anthropic's shape only when both headers are sent (docs/protocols/models.md);
  // this SDK version sends its key as a Bearer token, so it needs x-api-key as a default header to get that shape.
  const claudeShaped = [];
  for await (const m of sdk({ defaultHeaders: { 'x-api-key': apiKey } }).models.list()) claudeShaped.push(m);
  const openAIShaped = [];
  for await (const m of sdk().models.list()) openAIShaped.push(m);

  const sonnet = claudeShaped.find((m) => m.id === model);
  assert.deepEqual({ type: sonnet.type, display_name: sonnet.display_name }, { type: 'model', display_name: model });
  assert.ok(!Number.isNaN(Date.parse(sonnet.created_at)), 'created_at is an RFC 3339 date');
  assert.deepEqual(openAIShaped.map((m) => m.id), claudeShaped.map((m) => m.id));
  assert.equal(openAIShaped.find((m) => m.id === model).object, 'model');
  const one = await sdk({ defaultHeaders: { 'x-api-key': apiKey } }).models.retrieve(model);
  assert.deepEqual(one, sonnet);
});

test('bad key: 401 AuthenticationError with the gateway error type', async () => {
  const error = await rejection(
    sdk({ apiKey: wrongKey }).messages.create({ model, max_tokens: 64, messages: [{ role: 'user', content: 'Hello' }] }),
    'a wrong key must be refused',
  );

  assert.ok(error instanceof AuthenticationError, `expected AuthenticationError, got ${error?.constructor?.name}: ${error?.message}`);
  assert.equal(error.status, 401);
  // Auth failures keep new-api's middleware shape on /v1/messages too (docs/protocols/gateway.md#error-bodies).
  assert.equal(error.error.error.type, 'new_api_error');
  assert.match(error.error.error.message, /Invalid token/);
});
