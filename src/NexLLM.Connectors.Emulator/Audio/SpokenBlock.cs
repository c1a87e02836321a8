namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// One spoken block of the tone code: a word with the whitespace around it (leading whitespace only on the first block),
/// so that the blocks' bytes put together are the input's UTF-8 bytes exactly.
/// </summary>
/// <param name="Text">The block's text (word and whitespace).</param>
/// <param name="ByteCount">Its UTF-8 length: the block lasts two symbols per byte.</param>
/// <param name="StartSample">Its first sample.</param>
/// <param name="EndSample">The sample after its last one.</param>
internal readonly record struct SpokenBlock(string Text, int ByteCount, int StartSample, int EndSample)
{
    /// <summary>Gets the word without its whitespace (empty for a block of whitespace only).</summary>
    public string Word => Text.Trim();
}
