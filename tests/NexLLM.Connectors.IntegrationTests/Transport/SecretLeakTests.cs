using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Transport;

/// <summary>A canary key driven through the failure paths: it must appear in no exception text and no log line.</summary>
public sealed class SecretLeakTests : EmulatorTest
{
    private const string Canary = "sk-CANARY-5f1d2c9e8b7a6f4e3d2c1b0a";

    [Fact]
    public async Task CanaryKey_AppearsInNoExceptionAndNoLogLine()
    {
        var logs = new CapturingLoggerProvider();
        using ILoggerFactory loggerFactory = logs.CreateFactory();
        using NexLLMClient client = CreateClient(o =>
        {
            o.ApiKey = Canary;
            o.LoggerFactory = loggerFactory;
            o.MaxRetries = 1;
        });
        IChatClient chat = client.GetChatClient("gpt-4o-mini");
        string bare = Canary["sk-".Length..];
        var errors = new List<Exception>();

        // 1. The gateway reads "-5f1d..." as a channel pin: 403.
        errors.Add(await Assert.ThrowsAsync<NexLLMException>(() => chat.GetResponseAsync("Hi.", cancellationToken: TestCancellation)));

        // 2. A server that echoes the key, with and without its prefix, in a status error...
        Emulator.Enqueue(EmulatorFault.OpenAIError(401, $"Invalid token {Canary} ({bare})", "new_api_error", Canary));
        errors.Add(await Assert.ThrowsAsync<NexLLMException>(() => chat.GetResponseAsync("Hi.", cancellationToken: TestCancellation)));

        // 3. ...and in an HTML page, and inside a stream.
        Emulator.Enqueue(EmulatorFault.Status(502, $"<html><title>Bad gateway for {Canary}</title></html>").WithTimes(2));
        errors.Add(await Assert.ThrowsAsync<NexLLMException>(() => chat.GetResponseAsync("Hi.", cancellationToken: TestCancellation)));

        Assert.All(errors, error =>
        {
            string text = error.ToString() + (error as NexLLMException)?.ResponseExcerpt + (error as NexLLMException)?.ErrorCode;
            Assert.DoesNotContain(bare, text, StringComparison.Ordinal);
        });
        Assert.NotEmpty(logs.Entries);
        Assert.All(logs.Entries, entry => Assert.DoesNotContain(bare, entry.AllText + entry.Category, StringComparison.Ordinal));
        Assert.All(Emulator.Requests, r => Assert.DoesNotContain(bare, r.Path + r.QueryString, StringComparison.Ordinal));
    }
}
