// The official Google Gen AI JavaScript SDK (package `@google/genai`) against the emulator's Gemini routes,
// /v1beta/models/{model}:generateContent, :streamGenerateContent and :batchEmbedContents (docs/protocols/gemini.md),
// with the key in x-goog-api-key as the gateway accepts it (docs/protocols/gateway.md#authentication).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError, GoogleGenAI, Type } from '@google/genai';
import { apiKey, cosine, faultHeader, norm, recordingFetch, rejection, root, weatherQuestion, wrongKey } from '../support.js';

const model = 'gemini-2.5-flash';
// The SDK appends /v1beta/models/... to baseUrl, so it takes the emulator's root; vertexai: false whatever the environment says.
const sdk = (recorder, key = apiKey) => new GoogleGenAI({ apiKey: key, vertexai: false, httpOptions: { baseUrl: root, fetch: recorder?.fetch } });
// Google's OpenAPI schema dialect, with upper-case types.
const weatherDeclaration = {
  name: 'get_weather',
  description: 'Gets the current weather for a city.',
  parameters: { type: Type.OBJECT, properties: { city: { type: Type.STRING, description: 'The city, e.g. Paris' } }, required: ['city'] },
};

test('generateContent: plain answer, with the key in x-goog-api-key', async () => {
  const recorder = recordingFetch();
  const response = await sdk(recorder).models.generateContent({ model, contents: 'What is the capital of France?' });

  assert.match(response.text, /capital of France/);
  assert.equal(response.candidates[0].finishReason, 'STOP');
  assert.equal(response.candidates[0].content.role, 'model');
  assert.equal(response.modelVersion, model);
  assert.ok(response.responseId);
  assert.ok(response.usageMetadata.promptTokenCount > 0 && response.usageMetadata.candidatesTokenCount > 0);
  const [sent] = recorder.requests;
  assert.equal(sent.url.pathname, `/v1beta/models/${model}:generateContent`);
  assert.equal(sent.headers.get('x-goog-api-key'), apiKey);
  assert.equal(sent.url.searchParams.get('key'), null);
});

test('streamGenerateContent: chunks put together the same text, STOP on the last one', async () => {
  const recorder = recordingFetch();
  const client = sdk(recorder);
  const contents = 'Explain in two sentences what a connection pool is.';
  const whole = await client.models.generateContent({ model, contents });

  const chunks = [];
  for await (const chunk of await client.models.generateContentStream({ model, contents })) chunks.push(chunk);

  assert.ok(chunks.length > 2, `several chunks, got ${chunks.length}`);
  assert.equal(chunks.map((c) => c.text ?? '').join(''), whole.text);
  assert.equal(chunks.at(-1).candidates[0].finishReason, 'STOP');
  assert.ok(chunks.slice(0, -1).every((c) => c.candidates[0].finishReason === undefined), 'finishReason only on the last chunk');
  assert.equal(chunks.at(-1).usageMetadata.candidatesTokenCount, whole.usageMetadata.candidatesTokenCount);
  assert.equal(recorder.requests[1].url.pathname, `/v1beta/models/${model}:streamGenerateContent`);
  assert.equal(recorder.requests[1].url.searchParams.get('alt'), 'sse');
});

test('function calling round trip in a chat: thought signatures go back with the calls', async () => {
  const recorder = recordingFetch();
  // The SDK's chat keeps the history, signed parts included, and sends it back on the next message.
  const chat = sdk(recorder).chats.create({
    model,
    config: { tools: [{ functionDeclarations: [weatherDeclaration] }], thinkingConfig: { includeThoughts: true } },
  });

  const first = await chat.sendMessage({ message: weatherQuestion });

  assert.equal(first.functionCalls.length, 1);
  assert.equal(first.functionCalls[0].name, 'get_weather');
  assert.deepEqual(first.functionCalls[0].args, { city: 'Paris' });
  assert.equal(first.candidates[0].finishReason, 'STOP', 'a function call still finishes with STOP');
  const parts = first.candidates[0].content.parts;
  const thought = parts.find((p) => p.thought);
  const callPart = parts.find((p) => p.functionCall);
  assert.match(thought.text, /get_weather/);
  assert.ok(thought.thoughtSignature && callPart.thoughtSignature, 'the thought and the call are signed');

  const second = await chat.sendMessage({ message: [{ functionResponse: { name: 'get_weather', response: { result: '18 degrees and sunny' } } }] });

  assert.match(second.text, /get_weather returned: .*18 degrees and sunny/);
  const sentBack = recorder.json(-1).contents[1].parts;
  assert.equal(sentBack.find((p) => p.functionCall).thoughtSignature, callPart.thoughtSignature);
  assert.equal(sentBack.find((p) => p.thought).thoughtSignature, thought.thoughtSignature);

  // The emulator verifies signatures, so the acceptance above means something: a signature on an altered call is refused.
  const history = recorder.json(-1).contents;
  history[1].parts.find((p) => p.functionCall).functionCall.args = { city: 'London' };
  const error = await rejection(sdk().models.generateContent({ model, contents: history }), 'an altered signed call must be refused');
  assert.ok(error instanceof ApiError, `expected ApiError, got ${error?.constructor?.name}: ${error?.message}`);
  assert.equal(error.status, 400);
  assert.match(error.message, /Corrupted thought signature\./);
});

test('streamed function calling: the chunks\' parts, put back in one model turn, keep their signatures and are accepted', async () => {
  const client = sdk();
  const config = { tools: [{ functionDeclarations: [weatherDeclaration] }], thinkingConfig: { includeThoughts: true } };
  const contents = [{ role: 'user', parts: [{ text: 'What is the weather in Paris and London? Use the get_weather tool.' }] }];

  const chunks = [];
  for await (const chunk of await client.models.generateContentStream({ model, contents, config })) chunks.push(chunk);

  const parts = chunks.flatMap((c) => c.candidates[0].content.parts ?? []);
  const calls = parts.filter((p) => p.functionCall);
  assert.deepEqual(calls.map((p) => p.functionCall.args.city), ['Paris', 'London'], 'each call whole in its chunk');
  assert.ok(calls.every((p) => p.thoughtSignature), 'each call signed');
  const thoughtPieces = parts.filter((p) => p.thought);
  assert.ok(thoughtPieces.length > 1 && thoughtPieces.at(-1).thoughtSignature, 'the thought streams in pieces, signed on the last');

  // One model turn with every part as it came (Google's rule: do not merge or move signed parts).
  contents.push(
    { role: 'model', parts },
    { role: 'user', parts: calls.map((p) => ({ functionResponse: { name: 'get_weather', response: { result: `${p.functionCall.args.city}: 18 degrees` } } })) },
  );
  let answer = '';
  for await (const chunk of await client.models.generateContentStream({ model, contents, config })) answer += chunk.text ?? '';

  assert.match(answer, /Paris: 18 degrees/);
  assert.match(answer, /London: 18 degrees/);
});

test('streamed chat: the SDK keeps each chunk as a model content of its own, and the next message is accepted', async () => {
  const chat = sdk().chats.create({ model, config: { tools: [{ functionDeclarations: [weatherDeclaration] }], thinkingConfig: { includeThoughts: true } } });

  const calls = [];
  for await (const chunk of await chat.sendMessageStream({ message: 'What is the weather in Paris and London? Use the get_weather tool.' })) {
    calls.push(...(chunk.functionCalls ?? []));
  }
  const modelContents = chat.getHistory().filter((c) => c.role === 'model');
  assert.ok(modelContents.length > 1, 'the streamed answer is in the history as several model contents');
  assert.deepEqual(calls.map((c) => c.args.city), ['Paris', 'London']);

  const answer = await chat.sendMessage({
    message: calls.map((c) => ({ functionResponse: { name: c.name, response: { result: `${c.args.city}: 18 degrees` } } })),
  });

  assert.match(answer.text, /Paris: 18 degrees/);
  assert.match(answer.text, /London: 18 degrees/);
});

test('thinking: thoughts come first, signed, counted apart, and left out of response.text', async () => {
  const client = sdk();
  const config = { thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 } };
  const contents = [{ role: 'user', parts: [{ text: 'Why is the sky blue?' }] }];

  const response = await client.models.generateContent({ model, contents, config });

  const [thought, answer] = response.candidates[0].content.parts;
  assert.equal(thought.thought, true);
  assert.ok(thought.text.length > 0 && thought.thoughtSignature);
  assert.equal(answer.thought, undefined);
  assert.equal(response.text, answer.text);
  assert.ok(response.usageMetadata.thoughtsTokenCount > 0);
  const usage = response.usageMetadata;
  assert.equal(usage.totalTokenCount, usage.promptTokenCount + usage.candidatesTokenCount + usage.thoughtsTokenCount);

  // Thoughts sent back unchanged are accepted on the next turn.
  contents.push(response.candidates[0].content, { role: 'user', parts: [{ text: 'And at sunset?' }] });
  const next = await client.models.generateContent({ model, contents, config });
  assert.equal(next.candidates[0].finishReason, 'STOP');

  const streamed = [];
  for await (const chunk of await client.models.generateContentStream({ model, contents: contents.slice(0, 1), config })) streamed.push(chunk);
  const streamedThought = streamed.flatMap((c) => c.candidates[0].content.parts ?? []).filter((p) => p.thought);
  assert.ok(streamedThought.length > 1, 'the thought streams in pieces');
  assert.equal(streamedThought.map((p) => p.text).join(''), thought.text);
});

test('stream errors: a Google error chunk is an ApiError; new-api\'s raw error after the chunks fails the stream too', async () => {
  const streamWith = async (fault) => {
    const chunks = [];
    const request = { model, contents: 'Explain in two sentences what a connection pool is.', config: { httpOptions: { headers: { [faultHeader]: fault } } } };
    const error = await rejection((async () => {
      for await (const chunk of await sdk().models.generateContentStream(request)) chunks.push(chunk);
    })(), `the fault ${fault} must fail the stream`);
    return { chunks, error };
  };

  const googleChunk = await streamWith('stream-error=after:2');
  assert.equal(googleChunk.chunks.length, 2, 'the chunks before the error arrive');
  assert.ok(googleChunk.error instanceof ApiError, `expected ApiError, got ${googleChunk.error?.constructor?.name}: ${googleChunk.error?.message}`);
  assert.equal(googleChunk.error.status, 503);
  assert.match(googleChunk.error.message, /UNAVAILABLE/);

  // new-api appends its own error as raw JSON, without data: (docs/protocols/gateway.md#sse-framing). This SDK reads
  // only data: events and fails on what is left: a plain Error, the gateway's message lost.
  const rawError = await streamWith('raw-stream-error=after:2');
  assert.equal(rawError.chunks.length, 2);
  assert.ok(rawError.error instanceof Error && !(rawError.error instanceof ApiError), `got ${rawError.error?.constructor?.name}: ${rawError.error?.message}`);
  assert.match(rawError.error.message, /Incomplete JSON segment/);
});

test('embeddings: one vector per text, of the size asked for, with lexical similarity', async () => {
  const recorder = recordingFetch();
  const response = await sdk(recorder).models.embedContent({
    model: 'gemini-embedding-001',
    contents: ['reset my password', 'password reset steps', 'the weather in Paris'],
    config: { outputDimensionality: 256, taskType: 'SEMANTIC_SIMILARITY' },
  });

  assert.equal(recorder.requests[0].url.pathname, '/v1beta/models/gemini-embedding-001:batchEmbedContents');
  const vectors = response.embeddings.map((e) => e.values);
  assert.equal(vectors.length, 3);
  assert.ok(vectors.every((v) => v.length === 256 && Math.abs(norm(v) - 1) < 1e-5));
  assert.ok(cosine(vectors[0], vectors[1]) > cosine(vectors[0], vectors[2]) + 0.2, 'texts sharing words are closer');

  const single = await sdk().models.embedContent({ model: 'gemini-embedding-001', contents: 'the weather in Paris', config: { outputDimensionality: 256 } });
  assert.deepEqual(single.embeddings[0].values, vectors[2], 'the same text, the same vector');
});

test('models: the SDK pages through GET /v1beta/models, names without the models/ prefix as new-api writes them', async () => {
  const names = [];
  for await (const m of await sdk().models.list()) names.push(m.name);

  assert.ok(names.includes(model) && names.includes('gemini-embedding-001'), names.join());
  assert.ok(names.every((name) => !name.startsWith('models/')));
  // new-api has no GET /v1beta/models/{model} (only the list), so the SDK's models.get meets the gateway's 404.
  const error = await rejection(sdk().models.get({ model }), 'not a gateway route');
  assert.equal(error.status, 404);
});

test('bad key: 401 ApiError', async () => {
  const error = await rejection(
    sdk(undefined, wrongKey).models.generateContent({ model, contents: 'Hello' }),
    'a wrong key must be refused',
  );

  assert.ok(error instanceof ApiError, `expected ApiError, got ${error?.constructor?.name}: ${error?.message}`);
  assert.equal(error.status, 401);
  // new-api answers Gemini routes with its OpenAI-shaped middleware error (docs/protocols/gateway.md#error-bodies).
  assert.match(error.message, /Invalid token/);
  assert.match(error.message, /new_api_error/);
});
