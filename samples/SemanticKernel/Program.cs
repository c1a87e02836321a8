// Semantic Kernel on NexLLM: a plugin the model calls, a streamed answer, and a retrieval-augmented prompt over a few
// bundled notes (embeddings and cosine similarity). Without NEXLLM_API_KEY it runs offline against the local emulator.
using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using NexLLM.Connectors.Samples;
using SemanticKernelSample;

await using SampleGateway gateway = await SampleGateway.StartAsync();
string model = SampleGateway.Model("NEXLLM_MODEL", "gpt-4o-mini");

// The kernel's NexLLM services share one NexLLMClient. In an application, register it from configuration instead:
// builder.Services.AddNexLLMClient(configuration) reads the "NexLLM" section (Endpoint, ApiKey, timeouts...).
IKernelBuilder builder = Kernel.CreateBuilder();
builder.Services.AddSingleton(gateway.Client);
builder.AddNexLLMChatClient(model)
    .AddNexLLMEmbeddingGenerator(SampleGateway.Model("NEXLLM_EMBEDDING_MODEL", "text-embedding-3-small"), dimensions: 512);
builder.Plugins.AddFromType<TravelPlugin>("Travel");
Kernel kernel = builder.Build();

// 1. A plugin: with FunctionChoiceBehavior.Auto() the kernel offers its functions and runs the ones the model calls.
Console.WriteLine($"\n> Asking {model} a question its plugin answers:");
var auto = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
FunctionResult weather = await kernel.InvokePromptAsync("What is the weather in Lisbon right now?", new KernelArguments(auto));
Console.WriteLine(weather);

// 2. Streaming: the answer as it is generated.
Console.WriteLine("\n> Streaming:");
await foreach (StreamingKernelContent chunk in kernel.InvokePromptStreamingAsync("In two sentences: what does an LLM gateway do?"))
{
    Console.Write(chunk);
}

Console.WriteLine();

// 3. Retrieval-augmented prompt: embed the notes, keep the two closest to the question, answer from them.
string question = "How long does the gateway keep request logs?";
IEmbeddingGenerator<string, Embedding<float>> embeddings = kernel.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
GeneratedEmbeddings<Embedding<float>> vectors = await embeddings.GenerateAsync(Notes.All);
ReadOnlyMemory<float> query = await embeddings.GenerateVectorAsync(question);
var closest = Notes.All
    .Select((note, i) => (Note: note, Similarity: TensorPrimitives.CosineSimilarity(query.Span, vectors[i].Vector.Span)))
    .OrderByDescending(match => match.Similarity)
    .Take(2)
    .ToList();

Console.WriteLine($"\n> {question}\nClosest notes (cosine similarity):");
foreach ((string note, float similarity) in closest)
{
    Console.WriteLine($"  {similarity:0.000}  {note}");
}

FunctionResult answer = await kernel.InvokePromptAsync(
    """
    {{$question}}
    Answer using only these notes, and say which note you used:
    {{$notes}}
    """,
    new KernelArguments
    {
        ["notes"] = string.Join('\n', closest.Select((match, i) => $"[{i + 1}] {match.Note}")),
        ["question"] = question,
    });
Console.WriteLine($"\n{answer}");
