// The official OpenAI JavaScript SDK (package `openai`) against the emulator's POST /v1/chat/completions
// (docs/protocols/chat-completions.md) and the gateway's key check (docs/protocols/gateway.md#authentication).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import OpenAI, { APIError, AuthenticationError } from 'openai';
import { apiKey, endpoint, faultHeader, rejection, weatherParameters, weatherQuestion, wrongKey } from '../support.js';

const model = 'gpt-4o-mini';
const sdk = (options = {}) => new OpenAI({ apiKey, baseURL: endpoint, maxRetries: 0, ...options });
const chatWeatherTool = { type: 'function', function: { name: 'get_weather', description: 'Gets the current weather for a city.', parameters: weatherParameters } };

test('chat: plain completion answers about the question', async () => {
  const completion = await sdk().chat.completions.create({ model, messages: [{ role: 'user', content: 'What is the capital of France?' }] });

  assert.match(completion.id, /^chatcmpl-/);
  assert.equal(completion.model, model);
  assert.equal(completion.choices[0].finish_reason, 'stop');
  assert.equal(completion.choices[0].message.role, 'assistant');
  assert.match(completion.choices[0].message.content, /capital of France/);
  assert.ok(completion.usage.prompt_tokens > 0 && completion.usage.completion_tokens > 0);
  assert.equal(completion.usage.total_tokens, completion.usage.prompt_tokens + completion.usage.completion_tokens);
});

test('chat: streamed completion puts together the same text, then a finish reason and a usage chunk', async () => {
  const messages = [{ role: 'user', content: 'Explain in two sentences what a connection pool is.' }];
  const whole = await sdk().chat.completions.create({ model, messages });

  const stream = await sdk().chat.completions.create({ model, messages, stream: true, stream_options: { include_usage: true } });
  let text = '';
  let contentChunks = 0;
  let finish = null;
  let usage = null;
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    if (choice?.delta?.content) {
      contentChunks++;
      text += choice.delta.content;
    }
    finish = choice?.finish_reason ?? finish;
    usage = chunk.usage ?? usage;
    if (chunk.usage) assert.deepEqual(chunk.choices, [], 'usage comes in a chunk of its own, with choices: []');
  }

  assert.ok(contentChunks > 2, `text should arrive in several chunks, got ${contentChunks}`);
  assert.equal(text, whole.choices[0].message.content);
  assert.equal(finish, 'stop');
  assert.equal(usage.completion_tokens, whole.usage.completion_tokens);
});

test('chat: tool round trip, the answer after the tool result uses it', async () => {
  const client = sdk();
  const messages = [{ role: 'user', content: weatherQuestion }];

  const first = await client.chat.completions.create({ model, messages, tools: [chatWeatherTool] });

  assert.equal(first.choices[0].finish_reason, 'tool_calls');
  const [call] = first.choices[0].message.tool_calls;
  assert.equal(first.choices[0].message.tool_calls.length, 1);
  assert.equal(call.type, 'function');
  assert.equal(call.function.name, 'get_weather');
  assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Paris' });

  messages.push(first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: '18 degrees and sunny' });
  const second = await client.chat.completions.create({ model, messages, tools: [chatWeatherTool] });

  assert.equal(second.choices[0].finish_reason, 'stop');
  assert.match(second.choices[0].message.content, /get_weather returned: 18 degrees and sunny/);
});

test('chat: the SDK runTools loop calls the tool from streamed fragments and finishes with its result', async () => {
  const cities = [];
  const runner = sdk().chat.completions.runTools({
    model,
    stream: true,
    messages: [{ role: 'user', content: 'What is the weather in Paris and London? Use the get_weather tool.' }],
    tools: [{
      type: 'function',
      function: {
        ...chatWeatherTool.function,
        parse: JSON.parse,
        function: ({ city }) => {
          cities.push(city);
          return `${city}: 18 degrees`;
        },
      },
    }],
  });

  const answer = await runner.finalContent();

  assert.deepEqual(cities, ['Paris', 'London'], 'one call per place named, parallel');
  assert.match(answer, /Paris: 18 degrees/);
  assert.match(answer, /London: 18 degrees/);
});

test('chat: JSON schema response format gives a document of that schema, parsed by the SDK', async () => {
  const schema = {
    type: 'object',
    properties: {
      city: { type: 'string' },
      population: { type: 'integer', minimum: 1 },
      capital: { type: 'boolean' },
      unit: { type: 'string', enum: ['metric', 'imperial'] },
      landmarks: { type: 'array', items: { type: 'string' } },
    },
    required: ['city', 'population', 'capital', 'unit', 'landmarks'],
    additionalProperties: false,
  };

  const completion = await sdk().chat.completions.parse({
    model,
    messages: [{ role: 'user', content: 'Describe Paris in imperial units.' }],
    response_format: { type: 'json_schema', json_schema: { name: 'city_facts', schema, strict: true } },
  });

  const parsed = completion.choices[0].message.parsed;
  assert.deepEqual(Object.keys(parsed).sort(), Object.keys(schema.properties).sort());
  assert.equal(typeof parsed.city, 'string');
  assert.ok(Number.isInteger(parsed.population) && parsed.population >= 1);
  assert.equal(typeof parsed.capital, 'boolean');
  assert.equal(parsed.unit, 'imperial', 'the enum value the text mentions');
  assert.ok(Array.isArray(parsed.landmarks) && parsed.landmarks.every((l) => typeof l === 'string'));
  assert.deepEqual(parsed, JSON.parse(completion.choices[0].message.content));
});

test('chat: an error event inside a 200 stream is raised by the SDK', async () => {
  const stream = await sdk().chat.completions.create(
    { model, stream: true, messages: [{ role: 'user', content: 'Explain in two sentences what a connection pool is.' }] },
    { headers: { [faultHeader]: 'stream-error=after:3' } },
  );
  let chunks = 0;
  const error = await rejection((async () => {
    for await (const _ of stream) chunks++;
  })(), 'the in-stream error must be raised');

  assert.equal(chunks, 3, 'the chunks before the error arrive');
  assert.ok(error instanceof APIError, `expected APIError, got ${error?.constructor?.name}: ${error?.message}`);
  assert.match(error.message, /The server had an error while processing your request/);
});

test('bad key: 401 AuthenticationError with the gateway error type', async () => {
  const error = await rejection(
    sdk({ apiKey: wrongKey }).chat.completions.create({ model, messages: [{ role: 'user', content: 'Hello' }] }),
    'a wrong key must be refused',
  );

  assert.ok(error instanceof AuthenticationError, `expected AuthenticationError, got ${error?.constructor?.name}: ${error?.message}`);
  assert.equal(error.status, 401);
  assert.equal(error.type, 'new_api_error');
  assert.match(error.message, /Invalid token \(request id: .+\)/);
  assert.ok(error.headers.get('x-oneapi-request-id'));
});
