using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace NexLLM.Connectors.Tests.DependencyInjection;

/// <summary><c>AddNexLLMClient(configuration)</c>: hand-written binding from a section, and start-up validation of the result.</summary>
public sealed class OptionsBindingTests
{
    private const string Canary = "sk-CANARY0binding0secret";

    [Fact]
    public void Every_setting_binds_from_the_NexLLM_section()
    {
        NexLLMClientOptions options = Bind(new()
        {
            ["NexLLM:Endpoint"] = "https://gateway.example.com/v1",
            ["NexLLM:GeminiEndpoint"] = "https://gemini.example.com/v1beta",
            ["NexLLM:ApiKey"] = "sk-configured",
            ["NexLLM:MaxRetries"] = "4",
            ["NexLLM:ConnectTimeout"] = "00:00:07",
            ["NexLLM:ResponseTimeout"] = "Infinite",
            ["NexLLM:StreamIdleTimeout"] = "00:02:30",
            ["NexLLM:MaxResponseBytes"] = "2048",
            ["NexLLM:MaxStreamEventBytes"] = "4096",
            ["NexLLM:AllowIncompleteStreams"] = "true",
            ["NexLLM:AllowInsecureHttp"] = "True",
            ["NexLLM:DefaultHeaders:X-Team"] = "blue",
            ["NexLLM:DefaultHeaders:X-Tenant"] = "acme",
            ["NexLLM:Model"] = "the application's own setting, ignored",
        });

        Assert.Equal("https://gateway.example.com/v1", options.Endpoint.OriginalString);
        Assert.Equal("https://gemini.example.com/v1beta", options.GeminiEndpoint?.OriginalString);
        Assert.Equal("sk-configured", options.ApiKey);
        Assert.Equal(4, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(7), options.ConnectTimeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, options.ResponseTimeout);
        Assert.Equal(TimeSpan.FromSeconds(150), options.StreamIdleTimeout);
        Assert.Equal(2048, options.MaxResponseBytes);
        Assert.Equal(4096, options.MaxStreamEventBytes);
        Assert.True(options.AllowIncompleteStreams);
        Assert.True(options.AllowInsecureHttp);
        Assert.Equal("blue", options.DefaultHeaders["x-team"]);
        Assert.Equal("acme", options.DefaultHeaders["X-Tenant"]);
    }

    [Fact]
    public void Absent_and_empty_values_keep_the_defaults()
    {
        NexLLMClientOptions options = Bind(new()
        {
            ["NexLLM:ApiKey"] = "sk-configured",
            ["NexLLM:Endpoint"] = "",
            ["NexLLM:MaxRetries"] = "  ",
        });
        var defaults = new NexLLMClientOptions();

        Assert.Equal(NexLLMClientOptions.DefaultEndpoint, options.Endpoint);
        Assert.Equal(defaults.MaxRetries, options.MaxRetries);
        Assert.Equal(defaults.ConnectTimeout, options.ConnectTimeout);
        Assert.Null(options.GeminiEndpoint);
        Assert.Empty(options.DefaultHeaders);
    }

    [Fact]
    public void Another_section_name_or_path_can_be_given()
    {
        var configuration = Configuration(new() { ["Ai:Gateway:ApiKey"] = "sk-nested", ["Ai:Gateway:MaxRetries"] = "1" });
        var services = new ServiceCollection();
        services.AddNexLLMClient(configuration, "Ai:Gateway");
        using ServiceProvider provider = services.BuildServiceProvider();

        NexLLMClientOptions options = provider.GetRequiredService<IOptions<NexLLMClientOptions>>().Value;

        Assert.Equal("sk-nested", options.ApiKey);
        Assert.Equal(1, options.MaxRetries);
    }

    [Fact]
    public void A_delegate_registered_after_the_section_overrides_it()
    {
        var services = new ServiceCollection();
        services.AddNexLLMClient(Configuration(new() { ["NexLLM:ApiKey"] = "sk-configured", ["NexLLM:MaxRetries"] = "4" }));
        services.Configure<NexLLMClientOptions>(o => o.MaxRetries = 0);
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Equal(0, provider.GetRequiredService<IOptions<NexLLMClientOptions>>().Value.MaxRetries);
    }

    [Fact]
    public void Values_that_do_not_parse_are_all_reported_with_their_paths_but_not_their_values()
    {
        var ex = StartUpFailure(new()
        {
            ["NexLLM:ApiKey"] = "sk-configured",
            ["NexLLM:Endpoint"] = Canary,
            ["NexLLM:MaxRetries"] = "many",
            ["NexLLM:ConnectTimeout"] = "soon",
            ["NexLLM:AllowInsecureHttp"] = "yes",
        });

        Assert.Contains(ex.Failures, f => f.StartsWith("NexLLM:Endpoint is not an absolute URL", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("NexLLM:MaxRetries is not a whole number", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("NexLLM:ConnectTimeout is not a duration", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("NexLLM:AllowInsecureHttp is not true or false", StringComparison.Ordinal));
        Assert.DoesNotContain("CANARY", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("many", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bare_number_is_not_taken_for_days()
    {
        var ex = StartUpFailure(new()
        {
            ["NexLLM:ApiKey"] = "sk-configured",
            ["NexLLM:StreamIdleTimeout"] = "300",
        });

        Assert.Contains(ex.Failures, f => f.StartsWith("NexLLM:StreamIdleTimeout is a bare number", StringComparison.Ordinal));
    }

    [Fact]
    public void A_timeout_longer_than_timers_allow_is_reported_at_start_up()
    {
        var ex = StartUpFailure(new()
        {
            ["NexLLM:ApiKey"] = "sk-configured",
            ["NexLLM:ResponseTimeout"] = "60.00:00:00",
        });

        Assert.Contains(ex.Failures, f => f.Contains("ResponseTimeout", StringComparison.Ordinal) && f.Contains("at most 24 days", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_endpoint_and_a_missing_key_are_both_reported_at_start_up()
    {
        var ex = StartUpFailure(new() { ["NexLLM:Endpoint"] = "http://gateway.example.com/v1" });

        Assert.Equal(2, ex.Failures.Count());
        Assert.Contains(ex.Failures, f => f.StartsWith("NexLLM:Endpoint: ", StringComparison.Ordinal) && f.Contains("plain http", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("NexLLM:ApiKey: An API key is required", StringComparison.Ordinal));
        Assert.DoesNotContain("(Parameter", ex.Message, StringComparison.Ordinal);
        Assert.Equal(typeof(NexLLMClientOptions), ex.OptionsType);
    }

    [Fact]
    public void Every_invalid_setting_is_reported_and_the_key_never_is()
    {
        var ex = StartUpFailure(new()
        {
            ["NexLLM:ApiKey"] = Canary + " x",
            ["NexLLM:Endpoint"] = "https://gateway.example.com/v1?key=" + Canary,
            ["NexLLM:MaxRetries"] = "11",
            ["NexLLM:StreamIdleTimeout"] = "00:00:00",
            ["NexLLM:MaxResponseBytes"] = "10",
        });

        Assert.Equal(5, ex.Failures.Count());
        Assert.Contains(ex.Failures, f => f.StartsWith("NexLLM:ApiKey: The API key contains white space", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("NexLLM:Endpoint: ", StringComparison.Ordinal) && f.Contains("query", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("NexLLM:MaxRetries: The value must be between 0 and 10.", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("NexLLM:StreamIdleTimeout: ", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("NexLLM:MaxResponseBytes: ", StringComparison.Ordinal));
        Assert.DoesNotContain("CANARY", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unparsable_values_and_invalid_settings_are_all_listed_in_one_exception()
    {
        // Before, the first unparsable value stopped binding with an exception of its own: the invalid settings (and
        // here the missing key) were never reported, and the host failed again on the next start.
        var ex = StartUpFailure(new()
        {
            ["NexLLM:Endpoint"] = "https://gateway.example.com/v1/chat/completions",
            ["NexLLM:GeminiEndpoint"] = "not a url",
            ["NexLLM:MaxRetries"] = Canary,
            ["NexLLM:ConnectTimeout"] = "300",
            ["NexLLM:ResponseTimeout"] = "00:00:00",
            ["NexLLM:MaxResponseBytes"] = "10",
            ["NexLLM:MaxStreamEventBytes"] = "lots",
            ["NexLLM:AllowIncompleteStreams"] = "sometimes",
            ["NexLLM:DefaultHeaders:X-One"] = "a\r\nX-Injected: 1",
            ["NexLLM:DefaultHeaders:X-Two"] = "b\nX-Injected: 2",
        });

        string[] expected =
        [
            "NexLLM:GeminiEndpoint is not an absolute URL",
            "NexLLM:MaxRetries is not a whole number",
            "NexLLM:ConnectTimeout is a bare number",
            "NexLLM:MaxStreamEventBytes is not a whole number",
            "NexLLM:AllowIncompleteStreams is not true or false",
            "NexLLM:DefaultHeaders: The value of header 'X-One' contains a line break.",
            "NexLLM:DefaultHeaders: The value of header 'X-Two' contains a line break.",
            "NexLLM:Endpoint: The endpoint 'https://gateway.example.com/v1/chat/completions' ends with the operation path '/chat/completions'",
            "NexLLM:ApiKey: An API key is required",
            "NexLLM:ResponseTimeout: ",
            "NexLLM:MaxResponseBytes: The value must be between 1024",
        ];
        Assert.Equal(expected.Length, ex.Failures.Count());
        Assert.All(expected, start => Assert.Contains(ex.Failures, f => f.StartsWith(start, StringComparison.Ordinal)));
        Assert.Contains(ex.Failures, f => f.EndsWith("Use the base URL: https://gateway.example.com/v1", StringComparison.Ordinal));
        Assert.DoesNotContain("CANARY", ex.Message, StringComparison.Ordinal);
        Assert.Equal(typeof(NexLLMClientOptions), ex.OptionsType);
    }

    [Fact]
    public void A_section_bound_twice_reports_each_unparsable_value_once()
    {
        var configuration = Configuration(new() { ["NexLLM:ApiKey"] = "sk-configured", ["NexLLM:MaxRetries"] = "many" });
        var services = new ServiceCollection();
        services.AddNexLLMClient(configuration);
        services.AddNexLLMClient(configuration);
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(provider));

        Assert.StartsWith("NexLLM:MaxRetries is not a whole number", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_with_a_line_break_is_reported()
    {
        var ex = StartUpFailure(new() { ["NexLLM:ApiKey"] = "sk-configured", ["NexLLM:DefaultHeaders:X-Team"] = "blue\r\nX-Injected: 1" });

        Assert.StartsWith("NexLLM:DefaultHeaders: The value of header 'X-Team' contains a line break.", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_from_a_delegate_are_reported_under_the_options_type()
    {
        var services = new ServiceCollection();
        services.AddNexLLMClient(o => o.MaxRetries = -1);
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(provider));

        Assert.Contains("NexLLMClientOptions.ApiKey: An API key is required", ex.Message, StringComparison.Ordinal);
        Assert.Contains("NexLLMClientOptions.MaxRetries: The value must be between 0 and 10.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_host_the_same_error_comes_when_the_client_is_first_resolved()
    {
        var services = new ServiceCollection();
        services.AddNexLLMClient(Configuration(new() { ["NexLLM:Endpoint"] = "https://gateway.example.com/v1" }));
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<NexLLMClient>());

        Assert.StartsWith("NexLLM:ApiKey: ", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_settings_pass_start_up_validation()
    {
        var services = new ServiceCollection();
        services.AddNexLLMClient(Configuration(new() { ["NexLLM:ApiKey"] = "sk-configured" }));
        using ServiceProvider provider = services.BuildServiceProvider();

        ValidateOnStart(provider);

        Assert.Equal("sk-configured", provider.GetRequiredService<IOptions<NexLLMClientOptions>>().Value.ApiKey);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static NexLLMClientOptions Bind(Dictionary<string, string?> values)
    {
        var services = new ServiceCollection();
        services.AddNexLLMClient(Configuration(values));
        using ServiceProvider provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<NexLLMClientOptions>>().Value;
    }

    /// <summary>What the host's start-up check (<c>ValidateOnStart</c>) throws.</summary>
    private static OptionsValidationException StartUpFailure(Dictionary<string, string?> values)
    {
        var services = new ServiceCollection();
        services.AddNexLLMClient(Configuration(values));
        using ServiceProvider provider = services.BuildServiceProvider();
        return Assert.Throws<OptionsValidationException>(() => ValidateOnStart(provider));
    }

    /// <summary>What a host runs at start (IAsyncStartupValidator since Microsoft.Extensions.Options 11; IStartupValidator is obsolete).</summary>
    private static void ValidateOnStart(IServiceProvider provider) =>
        provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult();
}
