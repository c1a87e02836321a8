namespace NexLLM.Connectors.Common;

/// <summary>Keys every adapter writes into its responses' <c>AdditionalProperties</c> (docs/architecture.md#conventions).</summary>
internal static class ResponseKeys
{
    /// <summary>The gateway's request id (<c>X-Oneapi-Request-Id</c>, else <c>request-id</c> / <c>x-request-id</c>).</summary>
    public const string RequestId = "nexllm.request_id";
}
