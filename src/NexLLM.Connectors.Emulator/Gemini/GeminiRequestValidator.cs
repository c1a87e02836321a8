using System.Text;
using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Gemini;

/// <summary>
/// The checks Google's API makes and new-api does not: new-api forwards the request and relays Google's 400
/// <c>INVALID_ARGUMENT</c> in the OpenAI shape with a numeric <c>code</c> (docs/protocols/gateway.md#error-bodies, docs/protocols/gemini.md). The messages follow
/// Google's wording. They catch the client bugs that matter: a role other than <c>user</c>/<c>model</c>, a content
/// without parts, a <c>thoughtSignature</c> that was altered or moved to another part (<c>Corrupted thought
/// signature.</c>, see <see cref="GeminiThoughtSigner"/>), and function calls and responses that do not pair up.
/// </summary>
internal static class GeminiRequestValidator
{
    public const string CorruptedSignature = "Corrupted thought signature.";

    /// <summary>Returns the error Google would answer, or <see langword="null"/> when the request is valid.</summary>
    public static string? FindError(JsonElement root, GeminiThoughtSigner signer)
    {
        var contents = GeminiJson.Items(root, "contents");
        if (contents.Count == 0)
        {
            return "* GenerateContentRequest.contents: contents is not specified";
        }

        for (int i = 0; i < contents.Count; i++)
        {
            // An empty role is read as "user" (new-api fills it in for the first content; Google accepts it).
            if (GeminiJson.Text(contents[i], "role") is not (null or "" or "user" or "model" or "function"))
            {
                return "Please use a valid role: user, model.";
            }

            if (!GeminiJson.Parts(contents[i]).Any())
            {
                return $"* GenerateContentRequest.contents[{i}].parts: contents.parts must not be empty.";
            }
        }

        var turns = Turns(contents);
        return turns.Any(turn => !SignaturesVerify(turn.Parts, signer)) ? CorruptedSignature : PairingError(turns);
    }

    /// <summary>
    /// Consecutive contents of one role, read as one turn: the official @google/genai chat keeps a streamed answer as one
    /// <c>model</c> content per chunk and sends them back so, and Google accepts that (docs/js-peers.md), so a thought signed
    /// on its last piece and a call after it are checked across those contents.
    /// </summary>
    private static List<(bool IsModel, List<JsonElement> Parts)> Turns(IReadOnlyList<JsonElement> contents)
    {
        var turns = new List<(bool IsModel, List<JsonElement> Parts)>();
        foreach (JsonElement content in contents)
        {
            bool isModel = GeminiJson.Text(content, "role") == "model";
            if (turns.Count > 0 && turns[^1].IsModel == isModel)
            {
                turns[^1].Parts.AddRange(GeminiJson.Parts(content));
            }
            else
            {
                turns.Add((isModel, [.. GeminiJson.Parts(content)]));
            }
        }

        return turns;
    }

    // Every thoughtSignature must be the emulator's signature of the part that carries it. A thought streamed in
    // pieces is signed on its last piece over the whole thought, so a signed thought part verifies against its own text
    // or against the text of the unsigned thought parts just before it plus its own.
    private static bool SignaturesVerify(List<JsonElement> parts, GeminiThoughtSigner signer)
    {
        var thoughtRun = new StringBuilder();
        foreach (var part in parts)
        {
            bool isThought = GeminiJson.Bool(part, "thought") == true;
            string text = GeminiJson.Text(part, "text") ?? "";
            var signature = GeminiJson.Field(part, "thoughtSignature");
            if (signature.ValueKind == JsonValueKind.Undefined)
            {
                thoughtRun = isThought ? thoughtRun.Append(text) : thoughtRun.Clear();
                continue;
            }

            string? given = signature.ValueKind == JsonValueKind.String ? signature.GetString() : null;
            var call = GeminiJson.Object(part, "functionCall");
            bool valid = call.ValueKind == JsonValueKind.Object
                ? signer.VerifyFunctionCall(GeminiJson.Text(call, "name") ?? "", GeminiJson.Field(call, "args"), given)
                : isThought && (signer.VerifyThought(text, given) || signer.VerifyThought(thoughtRun.Append(text).ToString(), given));
            if (!valid)
            {
                return false;
            }

            thoughtRun.Clear();
        }

        return true;
    }

    // Google's turn rules for function calling: a call turn follows a user turn (or a response turn), a response turn
    // follows the call turn directly, with as many functionResponse parts as there were functionCall parts.
    private static string? PairingError(List<(bool IsModel, List<JsonElement> Parts)> turns)
    {
        for (int i = 0; i < turns.Count; i++)
        {
            bool isModel = turns[i].IsModel;
            bool previousIsModel = i > 0 && turns[i - 1].IsModel;
            int calls = Count(turns[i].Parts, "functionCall");
            int responses = Count(turns[i].Parts, "functionResponse");
            if (isModel && calls > 0 && i == 0)
            {
                return "Please ensure that function call turn comes immediately after a user turn or after a function response turn.";
            }

            if (!isModel && responses > 0)
            {
                int previousCalls = previousIsModel ? Count(turns[i - 1].Parts, "functionCall") : 0;
                if (previousCalls == 0)
                {
                    return "Please ensure that function response turn comes immediately after a function call turn.";
                }

                if (responses != previousCalls)
                {
                    return "Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.";
                }
            }
        }

        return null;
    }

    private static int Count(List<JsonElement> parts, string kind) =>
        parts.Count(part => GeminiJson.Object(part, kind).ValueKind == JsonValueKind.Object);
}
