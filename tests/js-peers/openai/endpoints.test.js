// The official OpenAI JavaScript SDK (package `openai`) against the emulator's other OpenAI routes: embeddings
// (docs/protocols/embeddings.md), models (docs/protocols/models.md), legacy completions (docs/protocols/completions.md),
// images (docs/protocols/images.md) and audio (docs/protocols/audio.md).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import OpenAI, { toFile } from 'openai';
import { apiKey, cosine, endpoint, norm, recordingFetch } from '../support.js';

const sdk = (options = {}) => new OpenAI({ apiKey, baseURL: endpoint, maxRetries: 0, ...options });

test('embeddings: base64 decodes to the float vector, by hand and by the SDK', async () => {
  const recorder = recordingFetch();
  const client = sdk({ fetch: recorder.fetch });
  const input = ['reset my password', 'password reset steps', 'the weather in Paris'];

  const floats = await client.embeddings.create({ model: 'text-embedding-3-small', input, encoding_format: 'float', dimensions: 256 });
  const base64 = await client.embeddings.create({ model: 'text-embedding-3-small', input, encoding_format: 'base64', dimensions: 256 });
  const byDefault = await client.embeddings.create({ model: 'text-embedding-3-small', input, dimensions: 256 });

  assert.equal(recorder.json(2).encoding_format, 'base64', 'the SDK asks for base64 when no format is given');
  assert.deepEqual(floats.data.map((d) => d.index), [0, 1, 2]);
  for (let i = 0; i < input.length; i++) {
    const vector = floats.data[i].embedding;
    assert.equal(vector.length, 256);
    assert.ok(Math.abs(norm(vector) - 1) < 1e-5, 'unit length');
    assert.equal(typeof base64.data[i].embedding, 'string');
    const bytes = Buffer.from(base64.data[i].embedding, 'base64');
    const decoded = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4));
    assert.deepEqual(decoded, vector.map(Math.fround), 'little-endian float32 of the same vector');
    assert.deepEqual(byDefault.data[i].embedding, decoded, 'the SDK decodes base64 itself');
  }
  const [a, b, c] = floats.data.map((d) => d.embedding);
  assert.ok(cosine(a, b) > cosine(a, c) + 0.2, 'texts sharing words are closer');
  assert.ok(floats.usage.prompt_tokens > 0);
});

test('models: list and retrieve', async () => {
  const client = sdk();
  const ids = [];
  for await (const m of client.models.list()) ids.push(m.id);

  assert.ok(ids.includes('gpt-4o-mini') && ids.includes('claude-sonnet-4-5') && ids.includes('gemini-2.5-flash'), ids.join());
  const one = await client.models.retrieve('gpt-4o-mini');
  assert.equal(one.id, 'gpt-4o-mini');
  assert.equal(one.object, 'model');
  assert.equal(one.owned_by, 'openai');
});

test('completions: legacy prompt in, text out, whole and streamed', async () => {
  const client = sdk();
  const request = { model: 'gpt-3.5-turbo-instruct', prompt: 'Write a tagline for an ice cream shop.', max_tokens: 200 };
  const whole = await client.completions.create(request);

  assert.match(whole.id, /^cmpl-/);
  assert.equal(whole.object, 'text_completion');
  assert.equal(whole.choices[0].finish_reason, 'stop');
  assert.ok(whole.choices[0].text.length > 10);

  let text = '';
  let finish = null;
  let usage = null;
  for await (const chunk of await client.completions.create({ ...request, stream: true })) {
    for (const choice of chunk.choices) {
      text += choice.text;
      finish = choice.finish_reason ?? finish;
    }
    usage = chunk.usage ?? usage;
  }
  assert.equal(text, whole.choices[0].text);
  assert.equal(finish, 'stop');
  assert.equal(usage.completion_tokens, whole.usage.completion_tokens);
});

test('images: a generated PNG of the size asked for, and an edit of it', async () => {
  const client = sdk();
  const generated = await client.images.generate({ model: 'gpt-image-1', prompt: 'A lighthouse at dusk', size: '1536x1024', quality: 'low' });

  const png = Buffer.from(generated.data[0].b64_json, 'base64');
  assert.deepEqual(pngSize(png), { width: 1536, height: 1024 });
  assert.equal(generated.size, '1536x1024');
  assert.equal(generated.usage.output_tokens, 408, 'low quality at 1536x1024 (docs/protocols/images.md#response)');
  assert.ok(generated.usage.input_tokens > 0);

  const edited = await client.images.edit({ model: 'gpt-image-1', image: await toFile(png, 'lighthouse.png', { type: 'image/png' }), prompt: 'Add a moon', size: '1536x1024' });

  const editedPng = Buffer.from(edited.data[0].b64_json, 'base64');
  assert.deepEqual(pngSize(editedPng), { width: 1536, height: 1024 });
  assert.notDeepEqual(editedPng, png);
});

test('audio: speech, then the transcription of that speech gives the text back', async () => {
  const client = sdk();
  const text = 'The quick brown fox. It jumps!';

  const speech = await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: text, response_format: 'wav' });

  assert.equal(speech.headers.get('content-type'), 'audio/wav');
  const wav = Buffer.from(await speech.arrayBuffer());
  assert.equal(wav.subarray(0, 4).toString('latin1'), 'RIFF');
  assert.equal(wav.subarray(8, 12).toString('latin1'), 'WAVE');

  const transcription = await client.audio.transcriptions.create({ model: 'whisper-1', file: await toFile(wav, 'speech.wav') });
  assert.equal(transcription.text, text);

  const verbose = await client.audio.transcriptions.create({
    model: 'whisper-1',
    file: await toFile(wav, 'speech.wav'),
    response_format: 'verbose_json',
    timestamp_granularities: ['word'],
  });
  assert.deepEqual(verbose.words.map((w) => w.word), ['The', 'quick', 'brown', 'fox.', 'It', 'jumps!']);
  assert.ok(verbose.words.every((w, i) => w.start < w.end && (i === 0 || verbose.words[i - 1].end < w.start)));

  const deltas = [];
  let done = null;
  for await (const event of await client.audio.transcriptions.create({ model: 'gpt-4o-transcribe', file: await toFile(wav, 'speech.wav'), stream: true })) {
    if (event.type === 'transcript.text.delta') deltas.push(event.delta);
    if (event.type === 'transcript.text.done') done = event;
  }
  assert.ok(deltas.length > 1, 'a streamed transcription comes in several deltas');
  assert.equal(deltas.join(''), text);
  assert.equal(done.text, text);
  assert.ok(done.usage.input_tokens > 0);
});

// The width and height in a PNG's IHDR chunk, after checking the signature.
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
