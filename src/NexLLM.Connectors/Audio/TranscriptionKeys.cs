using NexLLM.Connectors.Common;

namespace NexLLM.Connectors.Audio;

/// <summary>Keys of a transcription response's <c>AdditionalProperties</c>, and the names of its text fields.</summary>
internal static class TranscriptionKeys
{
    /// <summary>The gateway's request id, as on every adapter's responses.</summary>
    public const string RequestId = ResponseKeys.RequestId;

    /// <summary>The language the server heard (<c>verbose_json</c>'s <c>language</c>, such as <c>english</c>).</summary>
    public const string Language = "nexllm.language";

    /// <summary>
    /// The transcript's own text fields beyond the shared ones: a word (<c>word</c>) and a streamed piece (<c>delta</c>),
    /// where invalid UTF-8 becomes U+FFFD as in every text (docs/reliability-decoding.md); neither name is data here.
    /// </summary>
    public static readonly string[] TextFields = ["word", "delta"];

    /// <summary>The tokens' log probabilities (<c>include[]=logprobs</c>), as the server's JSON.</summary>
    public const string Logprobs = "nexllm.logprobs";
}
