// What every peer test file shares: where the emulator is, and a fetch that records what an SDK really sent.
// The tests assert the emulator's documented deterministic answers (src/NexLLM.Connectors.Emulator/README.md),
// so they run against the emulator only, never against the real gateway.
import assert from 'node:assert/strict';

/** The emulator's OpenAI-style base URL, ending in /v1 (NexLLMEmulator.Endpoint; default: a standalone emulator on 5080). */
export const endpoint = (process.env.NEXLLM_ENDPOINT ?? 'http://127.0.0.1:5080/v1').replace(/\/+$/, '');

/** The emulator's root, for SDKs that append /v1/messages or /v1beta/models themselves. */
export const root = endpoint.replace(/\/v1$/, '');

/** A key the emulator accepts (its default unless NEXLLM_API_KEY says otherwise). */
export const apiKey = process.env.NEXLLM_API_KEY ?? 'sk-nexllmemulator0local';

/** A well-formed key the emulator does not accept. */
export const wrongKey = 'sk-notthenexllmemulatorkey';

/** The emulator's fault header: a fault asked for from outside the process (src/NexLLM.Connectors.Emulator/README.md#the-fault-header-from-any-language). */
export const faultHeader = 'X-NexLLM-Emulator-Fault';

/** The question every tool round trip asks; the engine calls a tool whose name the user message contains. */
export const weatherQuestion = 'What is the weather in Paris? Use the get_weather tool.';

/** The JSON schema of the get_weather tool, the same in every format. */
export const weatherParameters = {
  type: 'object',
  properties: { city: { type: 'string', description: 'The city, e.g. Paris' } },
  required: ['city'],
};

/**
 * A fetch that records each request (method, URL, headers, body text) before passing it to the global fetch.
 * Pass `recorder.fetch` to an SDK's `fetch` option; read `recorder.requests` afterwards.
 */
export function recordingFetch() {
  const requests = [];
  const fetchAndRecord = async (input, init = {}) => {
    const request = new Request(input, init);
    const body = request.body === null ? '' : await request.clone().text();
    requests.push({ method: request.method, url: new URL(request.url), headers: request.headers, body });
    return globalThis.fetch(request);
  };
  return { requests, fetch: fetchAndRecord, json: (i) => JSON.parse(requests.at(i).body) };
}

/** The error a promise rejects with; the test fails when it resolves instead. */
export const rejection = (promise, why) => Promise.resolve(promise).then(() => assert.fail(why), (error) => error);

/** Cosine similarity of two equal-length vectors. */
export function cosine(a, b) {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

/** The Euclidean norm of a vector. */
export const norm = (v) => Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));
