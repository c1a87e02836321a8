using System.Globalization;
using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Embeddings;

/// <summary>
/// Maps a <c>POST /v1/embeddings</c> body to the call, in the last of the steps the Claude and Gemini routes take
/// too: the body has passed new-api's checks and the upstream's (<see cref="EmbeddingsRequestValidator"/>).
/// </summary>
internal static class EmbeddingsRequestReader
{
    /// <summary>Maps a body that passed both sets of checks to the call.</summary>
    /// <param name="root">The body.</param>
    /// <param name="nativeDimensions">The listed model's <see cref="EmulatorModel.EmbeddingDimensions"/>, if any.</param>
    public static EmbeddingsCall Read(JsonElement root, int? nativeDimensions)
    {
        string model = JsonRead.Text(root, "model")!;
        var inputs = ReadInputs(root.GetProperty("input"), out int tokens)!;

        // Go's omitempty: dimensions 0 is no dimensions.
        long dimensions = JsonRead.Integer(root, "dimensions") ?? 0;
        int length = dimensions > 0 ? (int)dimensions : nativeDimensions ?? DefaultDimensions(model);
        return new EmbeddingsCall(model, inputs, tokens, JsonRead.Text(root, "encoding_format") == "base64", length);
    }

    /// <summary>The vector length of a model the list does not size: 3,072 for <c>*-large</c> and <c>gemini-embedding*</c> names, else 1,536.</summary>
    public static int DefaultDimensions(string model) =>
        model.Contains("-large", StringComparison.Ordinal) || model.StartsWith("gemini-embedding", StringComparison.Ordinal) ? 3072 : 1536;

    /// <summary>
    /// <c>input</c> is a string, an array of strings, one token array (<c>int[]</c>) or several (<c>int[][]</c>), docs/protocols/embeddings.md.
    /// A token array is embedded as its ids written as words, so that arrays that share ids are alike. <see langword="null"/>
    /// when the input has none of these shapes.
    /// </summary>
    internal static List<string>? ReadInputs(JsonElement input, out int tokens)
    {
        tokens = 0;
        switch (input.ValueKind)
        {
            case JsonValueKind.String:
                string text = input.GetString()!;
                tokens = TokenEstimator.Tokens(text);
                return [text];
            case JsonValueKind.Array when input.GetArrayLength() > 0 && input.EnumerateArray().All(static e => e.ValueKind == JsonValueKind.Number):
                return TokenArray(input, ref tokens) is { } single ? [single] : null;
            case JsonValueKind.Array:
                var inputs = new List<string>(input.GetArrayLength());
                foreach (var item in input.EnumerateArray())
                {
                    string? value = item.ValueKind switch
                    {
                        JsonValueKind.String => item.GetString(),
                        JsonValueKind.Array when item.GetArrayLength() > 0 => TokenArray(item, ref tokens),
                        _ => null,
                    };
                    if (value is null)
                    {
                        return null;
                    }

                    tokens += item.ValueKind == JsonValueKind.String ? TokenEstimator.Tokens(value) : 0;
                    inputs.Add(value);
                }

                return inputs;
            default:
                return null;
        }
    }

    private static string? TokenArray(JsonElement array, ref int tokens)
    {
        var ids = new List<string>(array.GetArrayLength());
        foreach (var id in array.EnumerateArray())
        {
            if (id.ValueKind != JsonValueKind.Number || !id.TryGetInt32(out int value) || value < 0)
            {
                return null;
            }

            ids.Add(value.ToString(CultureInfo.InvariantCulture));
        }

        tokens += ids.Count;
        return string.Join(' ', ids);
    }
}
