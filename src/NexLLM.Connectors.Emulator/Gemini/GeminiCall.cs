using NexLLM.Connectors.Emulator.Engine;

namespace NexLLM.Connectors.Emulator.Gemini;

/// <summary>A <c>:generateContent</c> / <c>:streamGenerateContent</c> request, read.</summary>
/// <param name="Request">The neutral request.</param>
/// <param name="Stream">Whether the answer is an SSE stream.</param>
/// <param name="MediaParts">
/// The number of <c>inlineData</c>/<c>fileData</c> parts per modality (<c>IMAGE</c>, <c>AUDIO</c>, <c>VIDEO</c>,
/// <c>DOCUMENT</c>), for <c>usageMetadata.promptTokensDetails</c>.
/// </param>
/// <param name="CandidateCount">The candidates asked for (<c>generationConfig.candidateCount</c>, 1 when absent).</param>
internal sealed record GeminiCall(ChatEngineRequest Request, bool Stream, IReadOnlyDictionary<string, int> MediaParts, int CandidateCount);
