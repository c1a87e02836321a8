namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>
/// Endpoint metadata: the one HTTP method a route answers. Routes are mapped for every method so that a wrong method
/// gets new-api's 404 "Invalid URL" (gin has no 405) instead of ASP.NET Core's 405.
/// </summary>
internal sealed record EmulatorRoute(string Method);
