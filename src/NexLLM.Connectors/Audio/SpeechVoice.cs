namespace NexLLM.Connectors.Audio;

/// <summary>
/// The <c>voice</c> of a speech request: a built-in voice is sent by name (<c>"alloy"</c>), a custom voice by its id as an
/// object (<c>{"id":"voice_..."}</c>), as the speech endpoint takes them (docs/protocols/audio.md#speech).
/// </summary>
/// <param name="Value">The voice's name or id.</param>
/// <param name="IsCustom">Whether it is a custom voice's id.</param>
internal sealed record SpeechVoice(string Value, bool IsCustom);
