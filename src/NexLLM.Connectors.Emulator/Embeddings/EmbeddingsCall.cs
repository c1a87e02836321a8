namespace NexLLM.Connectors.Emulator.Embeddings;

/// <summary>A valid <c>POST /v1/embeddings</c> request.</summary>
/// <param name="Model">The model, echoed in the answer.</param>
/// <param name="Inputs">The texts to embed; a token-array input is its ids written as words ("17 42 99").</param>
/// <param name="PromptTokens">The billed tokens: about one per four characters of text, one per id of a token array.</param>
/// <param name="Base64">Whether <c>encoding_format</c> is <c>base64</c>.</param>
/// <param name="Dimensions">The vector length: <c>dimensions</c>, or the model's own.</param>
internal sealed record EmbeddingsCall(string Model, IReadOnlyList<string> Inputs, int PromptTokens, bool Base64, int Dimensions);
