using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using NexLLM.Connectors.SemanticKernel.Tests.TestSupport;

namespace NexLLM.Connectors.SemanticKernel.Tests;

/// <summary>A generic host that reads the <c>NexLLM</c> section of its configuration: the settings reach the wire, and bad ones stop the host at start-up.</summary>
public sealed class HostConfigurationTests : EmulatorKernelTest
{
    [Fact]
    public async Task Settings_from_configuration_reach_the_wire()
    {
        using IHost host = BuildHost(new()
        {
            ["NexLLM:Endpoint"] = Emulator.Endpoint.AbsoluteUri,
            ["NexLLM:ApiKey"] = Emulator.ApiKey,
            ["NexLLM:MaxRetries"] = "0",
            ["NexLLM:StreamIdleTimeout"] = "00:01:00",
            ["NexLLM:DefaultHeaders:X-Team"] = "blue",
        });
        await host.StartAsync(Ct);

        Kernel kernel = host.Services.GetRequiredService<Kernel>();
        FunctionResult result = await kernel.InvokePromptAsync("What is the capital of France?", cancellationToken: Ct);

        Assert.Contains("capital of France", result.ToString(), StringComparison.Ordinal);
        var request = Assert.Single(Emulator.Requests);
        Assert.Equal("blue", request.Headers["X-Team"]);
        Assert.Equal("Bearer " + Emulator.ApiKey, request.Headers["Authorization"]);
        Assert.Equal(TimeSpan.FromMinutes(1), host.Services.GetRequiredService<IOptions<NexLLMClientOptions>>().Value.StreamIdleTimeout);
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task A_bad_endpoint_and_a_missing_key_stop_the_host_at_start_up()
    {
        using IHost host = BuildHost(new() { ["NexLLM:Endpoint"] = "http://gateway.example.com/v1" });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains(ex.Failures, f => f.StartsWith("NexLLM:Endpoint: ", StringComparison.Ordinal) && f.Contains("plain http", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("NexLLM:ApiKey: An API key is required", StringComparison.Ordinal));
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task A_value_that_does_not_parse_stops_the_host_without_showing_the_key()
    {
        const string Key = "sk-CANARY0host0key";
        using IHost host = BuildHost(new() { ["NexLLM:ApiKey"] = Key + "\n", ["NexLLM:ConnectTimeout"] = "thirty seconds", ["NexLLM:Endpoint"] = Key });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains("NexLLM:ConnectTimeout is not a duration", ex.Message, StringComparison.Ordinal);
        Assert.Contains("NexLLM:Endpoint is not an absolute URL", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", ex.Message, StringComparison.Ordinal);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddNexLLMClient(builder.Configuration);
        builder.Services.AddNexLLMChatCompletion("gpt-4o-mini");
        builder.Services.AddKernel();
        return builder.Build();
    }
}
