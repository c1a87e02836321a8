using System.Globalization;
using System.Text.Json;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Embeddings;

/// <summary>
/// The checks of a <c>POST /v1/embeddings</c> body, in the two layers of the real gateway. new-api's own
/// (<see cref="CheckGatewayRules"/>, new-api relay/helper/valid_request.go <c>GetAndValidateEmbeddingRequest</c>): the body
/// unmarshals into <c>dto.EmbeddingRequest</c> (Go's message for a field of the wrong type), and a model and an
/// <c>input</c> are required; answered with HTTP 500 <c>invalid_request</c>. Then the upstream's it relays to
/// (<see cref="FindError"/>): an input of the wrong shape, too many inputs, a bad <c>encoding_format</c> or
/// <c>dimensions</c>; answered with OpenAI's HTTP 400 <c>invalid_request_error</c>.
/// </summary>
internal static class EmbeddingsRequestValidator
{
    /// <summary>OpenAI's limit of inputs per request.</summary>
    public const int MaxInputs = 2048;

    /// <summary>The emulator's own bound on the vector length.</summary>
    public const int MaxDimensions = 16384;

    private static readonly GoJsonFields Go = new("EmbeddingRequest");

    /// <summary>new-api's checks, for <see cref="RequestJson"/>: throws new-api's message when the body is refused.</summary>
    public static void CheckGatewayRules(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Go.NotAnObject(root.ValueKind);
        }

        Go.OptionalString(root, "encoding_format");
        Go.OptionalString(root, "user");
        Go.OptionalInteger(root, "dimensions", unsigned: false);
        if ((Go.OptionalString(root, "model") ?? "").Length == 0)
        {
            // new-api takes the model from the path of /v1/engines/{model}/embeddings; on /v1/embeddings there is none.
            throw new FormatException("model is required");
        }

        // input is `any` in Go: only its absence (or null) is new-api's to refuse.
        if (JsonRead.Field(root, "input").ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            throw new FormatException("input is empty");
        }
    }

    /// <summary>Returns the error the upstream would answer, or <see langword="null"/> when the request is valid.</summary>
    public static string? FindError(JsonElement root)
    {
        var inputs = EmbeddingsRequestReader.ReadInputs(root.GetProperty("input"), out _);
        if (inputs is null or { Count: 0 })
        {
            return "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.";
        }

        if (inputs.Count > MaxInputs)
        {
            return $"Too many inputs. The max number of inputs is {MaxInputs}.";
        }

        string format = JsonRead.Text(root, "encoding_format") ?? "float";
        if (format is not ("float" or "base64"))
        {
            return $"Invalid value for 'encoding_format' = {format}. Supported values are 'float' and 'base64'.";
        }

        long dimensions = JsonRead.Integer(root, "dimensions") ?? 0;
        return dimensions is < 0 or > MaxDimensions
            ? string.Create(CultureInfo.InvariantCulture, $"Invalid value for 'dimensions' = {dimensions}. Must be between 1 and {MaxDimensions}.")
            : null;
    }
}
