namespace NexLLM.Connectors;

/// <summary>Provides <see cref="ConfigureOptions"/> on <see cref="RerankClientBuilder"/>.</summary>
public static class ConfigureOptionsRerankClientBuilderExtensions
{
    /// <summary>Adds a <see cref="ConfigureOptionsRerankClient"/>: a callback that changes the options of every call.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes a copy of each call's options (new options when the call passes none).</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <example><c>builder.ConfigureOptions(o =&gt; o.TopN ??= 5)</c></example>
    public static RerankClientBuilder ConfigureOptions(this RerankClientBuilder builder, Action<RerankOptions> configure)
    {
        Throw.IfNull(builder);
        Throw.IfNull(configure);
        return builder.Use(innerClient => new ConfigureOptionsRerankClient(innerClient, configure));
    }
}
