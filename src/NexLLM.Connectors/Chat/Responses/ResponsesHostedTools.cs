using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;

namespace NexLLM.Connectors.Chat.Responses;

/// <summary>
/// The hosted tools M.E.AI names that the Responses API has, in its shapes (docs/protocols/responses.md#hosted-tools):
/// web search, file search, code interpreter, image generation and remote MCP servers.
/// </summary>
internal static class ResponsesHostedTools
{
    private static readonly JsonElement Always = Literal("\"always\"");

    private static readonly JsonElement Never = Literal("\"never\"");

    public static ResponsesTool? Define(AITool tool) => tool switch
    {
        HostedWebSearchTool => new ResponsesTool { Type = "web_search" },
        HostedFileSearchTool search => new ResponsesTool
        {
            Type = "file_search",
            VectorStoreIds = search.Inputs?.OfType<HostedVectorStoreContent>().Select(static store => store.VectorStoreId).ToList() ?? [],
            MaxNumResults = search.MaximumResultCount,
        },
        HostedCodeInterpreterTool code => new ResponsesTool
        {
            Type = "code_interpreter",
            Container = new ResponsesContainer
            {
                FileIds = code.Inputs?.OfType<HostedFileContent>().Select(static file => file.FileId).ToList() is { Count: > 0 } ids ? ids : null,
            },
        },
        HostedImageGenerationTool image => new ResponsesTool
        {
            Type = "image_generation",
            Model = image.Options?.ModelId,
            Size = image.Options?.ImageSize is { } size ? string.Create(CultureInfo.InvariantCulture, $"{size.Width}x{size.Height}") : null,
            OutputFormat = image.Options?.MediaType switch
            {
                "image/png" => "png",
                "image/jpeg" => "jpeg",
                "image/webp" => "webp",
                _ => null,
            },
            PartialImages = image.Options?.StreamingCount,
        },
        HostedMcpServerTool mcp => Mcp(mcp),
        _ => null,
    };

    private static ResponsesTool Mcp(HostedMcpServerTool mcp)
    {
        // An absolute URL is a server; anything else names one of OpenAI's connectors.
        bool isUrl = Uri.TryCreate(mcp.ServerAddress, UriKind.Absolute, out _);
        return new ResponsesTool
        {
            Type = "mcp",
            ServerLabel = mcp.ServerName,
            ServerUrl = isUrl ? mcp.ServerAddress : null,
            ConnectorId = isUrl ? null : mcp.ServerAddress,
            ServerDescription = mcp.ServerDescription,
            AllowedTools = mcp.AllowedTools,
            RequireApproval = ApprovalOf(mcp.ApprovalMode),
            Headers = mcp.Headers is { Count: > 0 } headers ? headers : null,
        };
    }

    /// <summary><c>"always"</c>, <c>"never"</c>, or <c>{"always":{"tool_names":[...]},"never":{"tool_names":[...]}}</c>.</summary>
    private static JsonElement? ApprovalOf(HostedMcpServerToolApprovalMode? mode)
    {
        switch (mode)
        {
            case null:
                return null;
            case HostedMcpServerToolAlwaysRequireApprovalMode:
                return Always;
            case HostedMcpServerToolNeverRequireApprovalMode:
                return Never;
            case HostedMcpServerToolRequireSpecificApprovalMode specific:
                var policy = new JsonObject();
                AddNames(policy, "always", specific.AlwaysRequireApprovalToolNames);
                AddNames(policy, "never", specific.NeverRequireApprovalToolNames);
                return JsonSerializer.SerializeToElement(policy, SharedJsonContext.Default.JsonObject);
            default:
                return null;
        }
    }

    private static JsonElement Literal(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static void AddNames(JsonObject policy, string key, IList<string>? names)
    {
        if (names is { Count: > 0 })
        {
            var list = new JsonArray();
            foreach (string name in names)
            {
                list.Add((JsonNode)JsonValue.Create(name));
            }

            policy[key] = new JsonObject { ["tool_names"] = list };
        }
    }
}
