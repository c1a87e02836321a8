namespace NexLLM.Connectors.IntegrationTests.TestSupport;

/// <summary>
/// Tests that measure the whole process's memory (<c>GC.GetTotalMemory</c>) run alone, after the parallel ones: another
/// test's emulator holding a 64 MB upload it recorded would otherwise count as memory this test failed to release.
/// </summary>
[CollectionDefinition(nameof(ProcessMemoryMeasurements), DisableParallelization = true)]
public sealed class ProcessMemoryMeasurements;
