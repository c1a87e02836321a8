namespace NexLLM.Connectors.Emulator.Engine;

/// <summary>The shape the caller wants the answer text in.</summary>
internal enum ResponseFormatKind
{
    /// <summary>Free text (the default).</summary>
    Text,

    /// <summary>Any JSON object.</summary>
    JsonObject,

    /// <summary>JSON that matches a schema.</summary>
    JsonSchema,
}
