// RAG: index a small document set with an embedding generator, retrieve the passages closest to a question, rerank
// them, and let the chat model answer from the best ones, citing them. Without NEXLLM_API_KEY it runs offline against
// the local NexLLM emulator.
using System.Text;
using Microsoft.Extensions.AI;
using NexLLM.Connectors;
using NexLLM.Connectors.Samples;
using Rag;

string question = args.Length > 0 ? string.Join(' ', args) : "How many times does the client retry a rate-limited request, and how long does it wait?";

await using SampleGateway gateway = await SampleGateway.StartAsync();
NexLLMClient nexllm = gateway.Client;
IEmbeddingGenerator<string, Embedding<float>> embeddings = nexllm.GetEmbeddingGenerator(
    SampleGateway.Model("NEXLLM_EMBEDDING_MODEL", "text-embedding-3-small"), dimensions: 512);
IRerankClient reranker = nexllm.GetRerankClient(SampleGateway.Model("NEXLLM_RERANK_MODEL", "jina-reranker-v2-base-multilingual"));
IChatClient chat = nexllm.GetChatClient(SampleGateway.Model("NEXLLM_MODEL", "gpt-4o-mini"));

// 1. Index: every paragraph of every bundled file is a passage, embedded in one call.
List<Passage> passages = [.. Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "docs"))
    .Order(StringComparer.Ordinal)
    .SelectMany(file => File.ReadAllText(file)
        .Split(["\r\n\r\n", "\n\n"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(paragraph => !paragraph.StartsWith('#') && paragraph.Contains(' ', StringComparison.Ordinal) && paragraph.Length > 40)
        .Select(paragraph => new Passage(Path.GetFileName(file), paragraph.ReplaceLineEndings(" "))))];

var store = new VectorStore();
GeneratedEmbeddings<Embedding<float>> vectors = await embeddings.GenerateAsync(passages.Select(p => p.Text));
for (int i = 0; i < passages.Count; i++)
{
    store.Add(passages[i], vectors[i].Vector);
}

Console.WriteLine($"\nIndexed {store.Count} passages from {passages.Select(p => p.Source).Distinct().Count()} files ({vectors.Usage?.InputTokenCount ?? 0} tokens).");

// 2. Retrieve: the passages whose vectors are closest to the question's.
Console.WriteLine($"\n> {question}");
Embedding<float> query = await embeddings.GenerateAsync(question);
IReadOnlyList<Match> candidates = store.Search(query.Vector, top: 5);
Console.WriteLine("\nRetrieved (cosine similarity):");
foreach (Match match in candidates)
{
    Console.WriteLine($"  {match.Similarity:0.000}  {match.Passage.Source}: {Shorten(match.Passage.Text)}");
}

// 3. Rerank: a reranker reads question and passage together, so it orders them more precisely; keep the best two.
RerankResponse reranked = await reranker.RerankAsync(question, candidates.Select(c => c.Passage.Text), new RerankOptions { TopN = 2 });
List<(int Number, Passage Passage, double Score)> sources =
    [.. reranked.Results.Select((result, i) => (i + 1, candidates[result.Index].Passage, result.RelevanceScore))];
Console.WriteLine("\nReranked, kept:");
foreach (var (number, passage, score) in sources)
{
    Console.WriteLine($"  [{number}] {passage.Source} (relevance {score:0.000})");
}

// 4. Answer: the sources reach the model as the result of a search it "called", the usual shape of retrieval in a chat
//    (a real model reads them and cites [n]; the emulator's rule-based reply quotes the search result it received).
var sourceText = new StringBuilder();
foreach (var (number, passage, _) in sources)
{
    sourceText.Append('[').Append(number).Append("] ").Append(passage.Source).Append(": ").AppendLine(passage.Text);
}

var search = new FunctionCallContent("call_search_1", "search_documents", new Dictionary<string, object?> { ["query"] = question });
List<ChatMessage> messages =
[
    new(ChatRole.System, "Answer the question using only the sources returned by search_documents. Cite each source you use as [n] file, e.g. [1] retries.md. Say so if the sources do not answer it."),
    new(ChatRole.User, question),
    new(ChatRole.Assistant, [search]),
    new(ChatRole.Tool, [new FunctionResultContent(search.CallId, sourceText.ToString())]),
];

// The tool is declared so that every provider accepts the call in the history; ToolMode.None: answer now, search no more.
AIFunctionDeclaration searchTool = AIFunctionFactory.CreateDeclaration(
    "search_documents",
    "Searches the documentation and returns numbered passages.",
    System.Text.Json.JsonDocument.Parse("""{"type":"object","properties":{"query":{"type":"string"}},"required":["query"]}""").RootElement);
ChatResponse answer = await chat.GetResponseAsync(messages, new ChatOptions { Tools = [searchTool], ToolMode = ChatToolMode.None });
Console.WriteLine($"\nAnswer:\n{answer.Text}");
Console.WriteLine($"\nSources: {string.Join(", ", sources.Select(s => $"[{s.Number}] {s.Passage.Source}"))}");
if (gateway.Emulator is not null)
{
    Console.WriteLine("(The emulator does not read: its deterministic reply quotes the search result it was given. Set NEXLLM_API_KEY for a real model.)");
}

static string Shorten(string text) => text.Length <= 90 ? text : text[..87] + "...";
