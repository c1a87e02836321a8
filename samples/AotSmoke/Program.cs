// AotSmoke: the connector compiled with NativeAOT (PublishAot=true) and run against a NexLLM emulator started out of
// process: every endpoint once, each step checking what came back. The emulator cannot be embedded here (it is ASP.NET
// Core, which is not AOT-compatible), so this program reads NEXLLM_ENDPOINT and NEXLLM_API_KEY; `.ci/aot-smoke`
// publishes it, starts the emulator, runs it and stops the emulator. Exit code 0 when every step passed, else 1.
using Microsoft.Extensions.AI;
using NexLLM.Connectors;
using NexLLM.Connectors.Samples.AotSmoke;

TimeSpan mainEntered = SmokeRun.SinceProcessStart;
string? endpoint = Environment.GetEnvironmentVariable("NEXLLM_ENDPOINT");
string? apiKey = Environment.GetEnvironmentVariable("NEXLLM_API_KEY");
if (string.IsNullOrEmpty(endpoint) || string.IsNullOrEmpty(apiKey))
{
    Console.WriteLine("AOT smoke: set NEXLLM_ENDPOINT (e.g. http://127.0.0.1:5080/v1) and NEXLLM_API_KEY (the emulator's key is sk-nexllmemulator0local).");
    return 2;
}

using var nexllm = new NexLLMClient(new NexLLMClientOptions { Endpoint = new Uri(endpoint), ApiKey = apiKey });
var smoke = new SmokeRun();
Console.WriteLine($"AOT smoke against {nexllm.Endpoint}: main entered {mainEntered.TotalMilliseconds:0} ms after the process started.");
TimeSpan? firstToken = null;

// Chat: the four protocols, each answered, streamed, and with a tool that M.E.AI's function-invoking client calls.
(NexLLMChatProtocol Protocol, string Model)[] chats =
[
    (NexLLMChatProtocol.ChatCompletions, "gpt-4o-mini"),
    (NexLLMChatProtocol.Responses, "gpt-4.1"),
    (NexLLMChatProtocol.ClaudeMessages, "claude-sonnet-4-5"),
    (NexLLMChatProtocol.GeminiGenerateContent, "gemini-2.5-flash"),
];
foreach ((NexLLMChatProtocol protocol, string model) in chats)
{
    IChatClient chat = nexllm.GetChatClient(model, protocol);
    await smoke.StepAsync($"{protocol}: answer", async () =>
    {
        ChatResponse response = await chat.GetResponseAsync("What does a lighthouse do?");
        SmokeRun.Check(response.Text.Length > 0, "the answer has no text");
        return Quote(response.Text);
    });

    await smoke.StepAsync($"{protocol}: streamed answer", async () =>
    {
        int updates = 0;
        string text = string.Empty;
        await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync("What does a lighthouse do?"))
        {
            if (update.Text.Length > 0)
            {
                firstToken ??= SmokeRun.SinceProcessStart;
                updates++;
                text += update.Text;
            }
        }

        SmokeRun.Check(updates > 1, $"the answer came in {updates} text updates, not streamed");
        return $"{updates} updates, {Quote(text)}";
    });

    IChatClient withTools = chat.AsBuilder().UseFunctionInvocation().Build();
    foreach (bool streamed in (bool[])[false, true])
    {
        await smoke.StepAsync($"{protocol}: tool call{(streamed ? ", streamed" : string.Empty)}", async () =>
        {
            List<string> calls = [];
            var options = new ChatOptions { Tools = [WeatherTool.Create(calls)] };
            const string Question = "What is the weather in Paris? Use the get_weather tool.";
            string text = streamed
                ? (await withTools.GetStreamingResponseAsync(Question, options).ToChatResponseAsync()).Text
                : (await withTools.GetResponseAsync(Question, options)).Text;
            SmokeRun.Check(calls is ["Paris"], $"get_weather was called {calls.Count} times ({string.Join(", ", calls)}), not once for Paris");
            SmokeRun.Check(text.Contains(WeatherTool.Answer, StringComparison.Ordinal), $"the answer does not quote the tool's result: {Quote(text)}");
            return $"get_weather(Paris), then {Quote(text)}";
        });
    }
}

// Legacy completions (/v1/completions), answered and streamed.
NexLLMCompletionClient completions = nexllm.GetCompletionClient("gpt-3.5-turbo-instruct");
await smoke.StepAsync("Completions: answer", async () =>
{
    NexLLMCompletion completion = await completions.CompleteAsync("Write a tagline for a lighthouse.");
    SmokeRun.Check(completion.Text.Length > 0, "the completion has no text");
    return Quote(completion.Text);
});
await smoke.StepAsync("Completions: streamed answer", async () =>
{
    string text = string.Empty;
    await foreach (NexLLMCompletionUpdate update in completions.CompleteStreamingAsync("Write a tagline for a lighthouse."))
    {
        text += update.Text;
    }

    SmokeRun.Check(text.Length > 0, "the streamed completion has no text");
    return Quote(text);
});

// Embeddings on both protocols: vectors of the size asked for, of length 1.
(NexLLMEmbeddingProtocol Protocol, string Model)[] embedders =
[
    (NexLLMEmbeddingProtocol.Embeddings, "text-embedding-3-small"),
    (NexLLMEmbeddingProtocol.GeminiEmbedContent, "gemini-embedding-001"),
];
foreach ((NexLLMEmbeddingProtocol protocol, string model) in embedders)
{
    await smoke.StepAsync($"Embeddings: {protocol}", async () =>
    {
        const int Dimensions = 256;
        IEmbeddingGenerator<string, Embedding<float>> generator = nexllm.GetEmbeddingGenerator(model, protocol, Dimensions);
        GeneratedEmbeddings<Embedding<float>> embeddings = await generator.GenerateAsync(["a lighthouse on the shore", "a tax form"]);
        SmokeRun.Check(embeddings.Count == 2, $"{embeddings.Count} vectors for 2 inputs");
        foreach (Embedding<float> embedding in embeddings)
        {
            SmokeRun.Check(embedding.Vector.Length == Dimensions, $"a vector of {embedding.Vector.Length} dimensions, not {Dimensions}");
            double norm = Math.Sqrt(Dot(embedding.Vector.Span, embedding.Vector.Span));
            SmokeRun.Check(Math.Abs(norm - 1) < 1e-3, $"a vector of length {norm}, not normalised");
        }

        return $"2 vectors of {Dimensions} dimensions, cosine {Dot(embeddings[0].Vector.Span, embeddings[1].Vector.Span):0.000}";
    });
}

// Rerank: the one relevant document comes first, scores in descending order.
await smoke.StepAsync("Rerank", async () =>
{
    using IRerankClient reranker = nexllm.GetRerankClient("jina-reranker-v2-base-multilingual");
    string[] documents = ["Bananas are a yellow fruit.", "A lighthouse guides ships at night with its light.", "Tax forms are due in April."];
    RerankResponse reranked = await reranker.RerankAsync("How does a lighthouse guide ships?", documents, new RerankOptions { TopN = 3 });
    SmokeRun.Check(reranked.Results.Count == 3, $"{reranked.Results.Count} results for 3 documents");
    SmokeRun.Check(reranked.Results[0].Index == 1, $"document {reranked.Results[0].Index} ranked first, not the lighthouse (1)");
    for (int i = 1; i < reranked.Results.Count; i++)
    {
        SmokeRun.Check(reranked.Results[i].RelevanceScore <= reranked.Results[i - 1].RelevanceScore, "the scores are not in descending order");
    }

    return $"order {string.Join(", ", reranked.Results.Select(r => $"{r.Index} ({r.RelevanceScore:0.000})"))}";
});

// An image: a real PNG.
await smoke.StepAsync("Image", async () =>
{
    IImageGenerator images = nexllm.GetImageGenerator("gpt-image-1");
    ImageGenerationResponse generated = await images.GenerateImagesAsync("A lighthouse at dawn", new ImageGenerationOptions { MediaType = "image/png" });
    DataContent? picture = generated.Contents.OfType<DataContent>().FirstOrDefault();
    SmokeRun.Check(picture is not null, "no image came back");
    ReadOnlySpan<byte> png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    SmokeRun.Check(picture!.Data.Span.StartsWith(png), "the image does not start with the PNG signature");
    return $"{picture.MediaType}, {picture.Data.Length:N0} bytes";
});

// Speech, then the transcription of that speech: the emulator's audio carries its text, so it must come back word for word.
const string Sentence = "The quick brown fox jumps over the lazy dog.";
byte[] speech = [];
await smoke.StepAsync("Speech", async () =>
{
    ITextToSpeechClient tts = nexllm.GetTextToSpeechClient("tts-1");
    TextToSpeechResponse spoken = await tts.GetAudioAsync(Sentence, new TextToSpeechOptions { VoiceId = "alloy", AudioFormat = "wav" });
    DataContent? audio = spoken.Contents.OfType<DataContent>().FirstOrDefault();
    SmokeRun.Check(audio is not null, "no audio came back");
    SmokeRun.Check(audio!.Data.Span.StartsWith("RIFF"u8), "the audio is not a WAV file");
    speech = audio.Data.ToArray();
    return $"{audio.MediaType}, {speech.Length:N0} bytes";
});
await smoke.StepAsync("Transcription", async () =>
{
    SmokeRun.Check(speech.Length > 0, "no speech to transcribe (the speech step failed)");
    ISpeechToTextClient stt = nexllm.GetSpeechToTextClient("whisper-1");
    using var audio = new MemoryStream(speech);
    SpeechToTextResponse transcript = await stt.GetTextAsync(audio, new SpeechToTextOptions { SpeechLanguage = "en" });
    SmokeRun.Check(transcript.Text == Sentence, $"the transcription is {Quote(transcript.Text)}, not the spoken sentence");
    return Quote(transcript.Text);
});

// A realtime text turn over the WebSocket.
await smoke.StepAsync("Realtime: text turn", async () =>
{
    IRealtimeClient realtime = nexllm.GetRealtimeClient("gpt-4o-realtime-preview");
    await using IRealtimeClientSession session = await realtime.CreateSessionAsync(new RealtimeSessionOptions { OutputModalities = ["text"] });
    await session.SendAsync(new CreateConversationItemRealtimeClientMessage(new RealtimeConversationItem([new TextContent("Describe a lighthouse in one sentence.")], role: ChatRole.User)));
    await session.SendAsync(new CreateResponseRealtimeClientMessage());
    string text = string.Empty;
    await foreach (RealtimeServerMessage message in session.GetStreamingResponseAsync())
    {
        if (message is OutputTextAudioRealtimeServerMessage { Text: { } delta } && message.Type == RealtimeServerMessageType.OutputTextDelta)
        {
            text += delta;
        }
        else if (message is ErrorRealtimeServerMessage error)
        {
            throw new InvalidOperationException($"realtime error: {error.Error?.Message}");
        }
        else if (message.Type == RealtimeServerMessageType.ResponseDone)
        {
            break;
        }
    }

    SmokeRun.Check(text.Length > 0, "the realtime response has no text");
    return Quote(text);
});

// The model list.
await smoke.StepAsync("Models", async () =>
{
    IReadOnlyList<NexLLMModel> models = await nexllm.ListModelsAsync();
    SmokeRun.Check(models.Count > 0, "the model list is empty");
    SmokeRun.Check(models.Any(m => m.Id == "gpt-4o-mini"), "gpt-4o-mini is not in the model list");
    return $"{models.Count} models";
});

if (firstToken is { } first)
{
    Console.WriteLine($"First streamed token {first.TotalMilliseconds:0} ms after the process started.");
}

return smoke.Finish();

static string Quote(string text) => text.Length <= 60 ? $"\"{text}\"" : $"\"{text[..57]}...\"";

static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
{
    double sum = 0;
    for (int i = 0; i < a.Length; i++)
    {
        sum += a[i] * (double)b[i];
    }

    return sum;
}
