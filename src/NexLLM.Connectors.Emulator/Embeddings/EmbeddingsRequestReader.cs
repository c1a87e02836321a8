using System.Globalization;
using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Embeddings;

/// <summary>
/// Reads a <c>POST /v1/embeddings</c> body. Two layers answer errors, as on the real gateway: new-api itself (bad JSON,
/// a field of the wrong Go type, no <c>input</c>: HTTP 500 <c>invalid_request</c>, NA relay/helper/valid_request.go
/// <c>GetAndValidateEmbeddingRequest</c>), and the upstream it relays to (an input of the wrong shape, too many
/// inputs, a bad <c>encoding_format</c> or <c>dimensions</c>: OpenAI's HTTP 400 <c>invalid_request_error</c>).
/// </summary>
internal static class EmbeddingsRequestReader
{
    /// <summary>OpenAI's limits: inputs per request, and (the emulator's own bound) vector length.</summary>
    public const int MaxInputs = 2048;
    public const int MaxDimensions = 16384;

    private static readonly GoJsonFields Go = new("EmbeddingRequest");

    /// <summary>Reads the body.</summary>
    /// <param name="body">The request body.</param>
    /// <param name="call">The request, when valid.</param>
    /// <param name="gatewayError">A gateway validation error (HTTP 500 <c>invalid_request</c>).</param>
    /// <param name="upstreamError">An upstream validation error (HTTP 400 <c>invalid_request_error</c>).</param>
    public static bool TryRead(byte[] body, out EmbeddingsCall? call, out string? gatewayError, out string? upstreamError)
    {
        call = null;
        gatewayError = null;
        upstreamError = null;
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Go.NotAnObject(root.ValueKind);
            }

            Go.OptionalString(root, "encoding_format");
            Go.OptionalString(root, "user");
            Go.OptionalInteger(root, "dimensions", unsigned: false);
        }
        catch (JsonException ex)
        {
            gatewayError = body.Length == 0 ? "unexpected end of JSON input" : $"invalid JSON request body: {ex.Message}";
            return false;
        }
        catch (FormatException ex)
        {
            gatewayError = ex.Message;
            return false;
        }

        string model = Go.OptionalString(root, "model") ?? "";
        if (model.Length == 0)
        {
            // new-api takes the model from the path of /v1/engines/{model}/embeddings; on /v1/embeddings there is none.
            gatewayError = "model is required";
            return false;
        }

        if (!root.TryGetProperty("input", out var input) || input.ValueKind == JsonValueKind.Null)
        {
            gatewayError = "input is empty";
            return false;
        }

        List<string>? inputs = ReadInputs(input, out int tokens);
        upstreamError = inputs is null or { Count: 0 } ? "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference."
            : inputs.Count > MaxInputs ? $"Too many inputs. The max number of inputs is {MaxInputs}."
            : null;

        string format = Go.OptionalString(root, "encoding_format") ?? "float";
        long dimensions = Go.OptionalInteger(root, "dimensions", unsigned: false) ?? 0;
        upstreamError ??= format is not ("float" or "base64")
            ? $"Invalid value for 'encoding_format' = {format}. Supported values are 'float' and 'base64'."
            : dimensions is < 0 or > MaxDimensions
                ? string.Create(CultureInfo.InvariantCulture, $"Invalid value for 'dimensions' = {dimensions}. Must be between 1 and {MaxDimensions}.")
                : null;
        if (upstreamError is not null)
        {
            return false;
        }

        // Go's omitempty: dimensions 0 is no dimensions.
        int length = dimensions > 0 ? (int)dimensions : DefaultDimensions(model);
        call = new EmbeddingsCall(model, inputs!, tokens, format == "base64", length);
        return true;
    }

    /// <summary>The models' own vector lengths (OpenAI's and Google's documented sizes; 1,536 for any other model).</summary>
    public static int DefaultDimensions(string model) =>
        model.Contains("-large", StringComparison.Ordinal) || model.StartsWith("gemini-embedding", StringComparison.Ordinal) ? 3072 : 1536;

    /// <summary>
    /// <c>input</c> is a string, an array of strings, one token array (<c>int[]</c>) or several (<c>int[][]</c>), WIRE.md §4.
    /// A token array is embedded as its ids written as words, so that arrays that share ids are alike.
    /// </summary>
    private static List<string>? ReadInputs(JsonElement input, out int tokens)
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
