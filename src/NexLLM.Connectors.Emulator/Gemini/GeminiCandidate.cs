using NexLLM.Connectors.Emulator.Engine;

namespace NexLLM.Connectors.Emulator.Gemini;

/// <summary>
/// One candidate of a Gemini answer: <c>generationConfig.candidateCount</c> asks for several, which Google samples
/// separately and returns with their <c>index</c> (docs/protocols/gemini.md#several-candidates). Candidate 0 is the picked
/// reply (scripted or the engine's); the emulator's engine being deterministic, candidate <c>i</c> &gt; 0 is the same answer
/// with its text marked <c>Candidate {i + 1}: </c>, so that a client can tell the candidates apart.
/// </summary>
/// <param name="Index">The candidate's <c>index</c>.</param>
/// <param name="Reply">Its reply.</param>
/// <param name="Parts">Its parts, signed.</param>
internal sealed record GeminiCandidate(int Index, ChatEngineReply Reply, IReadOnlyList<GeminiReplyPart> Parts)
{
    /// <summary>The most candidates the emulator answers (Google's documented range is 1 to 8); a larger count gets 8.</summary>
    public const int MaxCount = 8;

    /// <summary>The candidates of an answer to <paramref name="count"/> candidates (fewer than 1 is 1, more than <see cref="MaxCount"/> is <see cref="MaxCount"/>).</summary>
    public static IReadOnlyList<GeminiCandidate> For(ChatEngineReply reply, int count, GeminiThoughtSigner signer)
    {
        var candidates = new List<GeminiCandidate>();
        for (int index = 0; index < Math.Clamp(count, 1, MaxCount); index++)
        {
            var candidateReply = index > 0 && reply.Text is { Length: > 0 } text ? reply with { Text = $"Candidate {index + 1}: {text}" } : reply;
            candidates.Add(new GeminiCandidate(index, candidateReply, GeminiReplyPart.From(candidateReply, signer)));
        }

        return candidates;
    }

    /// <summary>The output tokens of this candidate beyond candidate 0's (the mark on its text).</summary>
    public int ExtraTokens(GeminiCandidate first) => TokenEstimator.Tokens(Reply.Text) - TokenEstimator.Tokens(first.Reply.Text);
}
