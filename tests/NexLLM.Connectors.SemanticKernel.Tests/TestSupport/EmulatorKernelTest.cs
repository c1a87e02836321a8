using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using NexLLM.Connectors.Emulator;

namespace NexLLM.Connectors.SemanticKernel.Tests.TestSupport;

/// <summary>
/// A fresh emulator on a free loopback port for every test (xunit creates one instance per test), in strict mode
/// (docs/emulator.md#strict-mode: what the real services would refuse fails the test), and kernels whose NexLLM client
/// points at it.
/// </summary>
public abstract class EmulatorKernelTest : IAsyncLifetime
{
    private NexLLMEmulator? _emulator;

    protected NexLLMEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator has not started.");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        _emulator = await NexLLMEmulator.StartAsync(ConfigureEmulator(new NexLLMEmulatorOptions { Strict = true }), Ct);
    }

    /// <summary>Lets a test class change the emulator's options (strict by default) before it starts.</summary>
    protected virtual NexLLMEmulatorOptions ConfigureEmulator(NexLLMEmulatorOptions options) => options;

    public virtual async ValueTask DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A kernel builder whose NexLLM client talks to the emulator.</summary>
    protected IKernelBuilder KernelBuilder(Action<NexLLMClientOptions>? configure = null) =>
        Kernel.CreateBuilder().AddNexLLMClient(options =>
        {
            options.Endpoint = Emulator.Endpoint;
            options.ApiKey = Emulator.ApiKey;
            configure?.Invoke(options);
        });

    /// <summary>An application container whose NexLLM client (<c>AddNexLLMClient</c>) talks to the emulator.</summary>
    protected ServiceCollection EmulatorServices()
    {
        var services = new ServiceCollection();
        services.AddNexLLMClient(options =>
        {
            options.Endpoint = Emulator.Endpoint;
            options.ApiKey = Emulator.ApiKey;
        });
        return services;
    }

    /// <summary>The start of the path a chat protocol posts to (streamed or not), for the model the tests use with it.</summary>
    protected static string ChatPath(NexLLMChatProtocol protocol) => protocol switch
    {
        NexLLMChatProtocol.ClaudeMessages or NexLLMChatProtocol.Auto => "/v1/messages",
        NexLLMChatProtocol.GeminiGenerateContent => "/v1beta/models/" + ModelFor(protocol) + ":",
        NexLLMChatProtocol.Responses => "/v1/responses",
        _ => "/v1/chat/completions",
    };

    /// <summary>A model of the protocol's family (for <see cref="NexLLMChatProtocol.Auto"/>, a Claude model: Auto must pick Claude's format).</summary>
    protected static string ModelFor(NexLLMChatProtocol protocol) => protocol switch
    {
        NexLLMChatProtocol.ClaudeMessages or NexLLMChatProtocol.Auto => "claude-sonnet-4-5",
        NexLLMChatProtocol.GeminiGenerateContent => "gemini-2.5-flash",
        _ => "gpt-4o-mini",
    };

    /// <summary>The chat requests the emulator received for a protocol, in order.</summary>
    protected List<EmulatorRequest> ChatRequests(NexLLMChatProtocol protocol) =>
        [.. Emulator.Requests.Where(r => r.Path.StartsWith(ChatPath(protocol), StringComparison.Ordinal))];

    /// <summary>How a kernel gets its chat service: a chat client or a chat completion service.</summary>
    public enum Registration
    {
        ChatClient,
        ChatCompletion,
    }

    protected static IKernelBuilder Register(IKernelBuilder builder, Registration registration, NexLLMChatProtocol protocol, string? serviceId = null) =>
        registration == Registration.ChatClient
            ? builder.AddNexLLMChatClient(ModelFor(protocol), protocol, serviceId)
            : builder.AddNexLLMChatCompletion(ModelFor(protocol), protocol, serviceId);
}
