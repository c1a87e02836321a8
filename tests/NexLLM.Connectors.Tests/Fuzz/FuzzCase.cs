namespace NexLLM.Connectors.Tests.Fuzz;

/// <summary>What a case may end in.</summary>
internal enum FuzzExpectation
{
    /// <summary>The mutation kept the transcript valid and equivalent: success with exactly the unmutated content.</summary>
    Identical,

    /// <summary>The transcript lost its end or its encoding: a <see cref="NexLLMException"/>, never a success.</summary>
    Fails,

    /// <summary>Bytes past the body were promised: success with exactly the unmutated content (the end was read first), or a <see cref="NexLLMException"/>.</summary>
    IdenticalOrFails,

    /// <summary>Anything may have changed: success with any content, or a <see cref="NexLLMException"/>.</summary>
    Typed,

    /// <summary>Invalid UTF-8 inside text or reasoning: success, with a U+FFFD in the text.</summary>
    TextReplaced,

    /// <summary>Invalid UTF-8 inside tool-call arguments: an InvalidResponse that says so.</summary>
    ArgumentsRefused,
}

/// <summary>How the body reaches the client.</summary>
internal enum FuzzDelivery
{
    Whole,
    OneBytePerRead,
    RandomChunks,
}

/// <summary>
/// One generated case: the transcript it came from, the bytes and headers sent, how they are delivered, what was done to
/// them (for the failure message) and what the outcome may be.
/// </summary>
internal sealed record FuzzCase(
    int Number,
    FuzzTranscript Transcript,
    byte[] Body,
    string? ContentEncoding,
    long? ContentLength,
    FuzzDelivery Delivery,
    IReadOnlyList<int> Chunks,
    string Mutation,
    FuzzExpectation Expectation)
{
    public override string ToString() =>
        $"case {Number}: {Transcript.Decoder} '{Transcript.Name}', {Mutation}; delivery {Delivery}; expected {Expectation}";
}
