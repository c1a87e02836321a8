// The official OpenAI JavaScript SDK (package `openai`) against the emulator's POST /v1/responses
// (docs/protocols/responses.md): whole and streamed responses, tool round trips stateless and stored.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import OpenAI from 'openai';
import { apiKey, endpoint, recordingFetch, weatherParameters, weatherQuestion } from '../support.js';

const model = 'gpt-4o-mini';
const sdk = (options = {}) => new OpenAI({ apiKey, baseURL: endpoint, maxRetries: 0, ...options });
// The Responses API's function tool is flat: no nested `function` object.
const weatherTool = { type: 'function', name: 'get_weather', description: 'Gets the current weather for a city.', parameters: weatherParameters, strict: true };

test('responses: plain response answers about the question', async () => {
  const response = await sdk().responses.create({ model, input: 'What is the capital of France?' });

  assert.match(response.id, /^resp_/);
  assert.equal(response.object, 'response');
  assert.equal(response.status, 'completed');
  assert.match(response.output_text, /capital of France/);
  assert.equal(response.output.length, 1);
  assert.equal(response.output[0].type, 'message');
  assert.ok(response.usage.input_tokens > 0 && response.usage.output_tokens > 0);
});

test('responses: streamed events put together the same text, numbered from 0, ending with response.completed', async () => {
  const input = 'Explain in two sentences what a connection pool is.';
  const whole = await sdk().responses.create({ model, input });

  const stream = sdk().responses.stream({ model, input });
  const types = [];
  const sequence = [];
  let text = '';
  for await (const event of stream) {
    types.push(event.type);
    sequence.push(event.sequence_number);
    if (event.type === 'response.output_text.delta') text += event.delta;
  }
  const final = await stream.finalResponse();

  assert.deepEqual(sequence, sequence.map((_, i) => i));
  assert.equal(types[0], 'response.created');
  assert.equal(types.at(-1), 'response.completed');
  assert.ok(types.filter((t) => t === 'response.output_text.delta').length > 2);
  assert.equal(text, whole.output_text);
  assert.equal(final.output_text, whole.output_text);
  assert.equal(final.status, 'completed');
  assert.equal(final.usage.output_tokens, whole.usage.output_tokens);
});

test('responses: stateless tool round trip, streamed, with encrypted reasoning echoed back', async () => {
  const recorder = recordingFetch();
  const client = sdk({ fetch: recorder.fetch });
  const input = [{ role: 'user', content: weatherQuestion }];
  const settings = { model: 'o4-mini', tools: [weatherTool], store: false, include: ['reasoning.encrypted_content'] };

  const first = await client.responses.stream({ ...settings, input }).finalResponse();

  const reasoning = first.output.find((item) => item.type === 'reasoning');
  const call = first.output.find((item) => item.type === 'function_call');
  assert.ok(reasoning?.encrypted_content, 'a reasoning item with encrypted content');
  assert.equal(call.name, 'get_weather');
  assert.deepEqual(JSON.parse(call.arguments), { city: 'Paris' });
  assert.match(call.call_id, /^call_/);

  input.push(...first.output, { type: 'function_call_output', call_id: call.call_id, output: '18 degrees and sunny' });
  const second = await client.responses.create({ ...settings, input });

  assert.equal(second.status, 'completed');
  assert.match(second.output_text, /get_weather returned: 18 degrees and sunny/);
  const sentBack = recorder.json(-1).input.find((item) => item.type === 'reasoning');
  assert.equal(sentBack.encrypted_content, reasoning.encrypted_content);
});

test('responses: stored tool round trip through previous_response_id', async () => {
  const client = sdk();

  const first = await client.responses.create({ model, input: weatherQuestion, tools: [weatherTool] });
  const call = first.output.find((item) => item.type === 'function_call');
  assert.equal(call.name, 'get_weather');

  const second = await client.responses.create({
    model,
    previous_response_id: first.id,
    tools: [weatherTool],
    input: [{ type: 'function_call_output', call_id: call.call_id, output: '18 degrees and sunny' }],
  });

  assert.equal(second.previous_response_id, first.id);
  assert.match(second.output_text, /get_weather returned: 18 degrees and sunny/);
});
