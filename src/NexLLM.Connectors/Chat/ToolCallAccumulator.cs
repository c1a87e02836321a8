using System.Text;
using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Chat;

/// <summary>
/// Reassembles streamed tool calls from their fragments and hands each one out as soon as it is complete: when its
/// arguments close their top-level JSON object, when the next call starts, or when the response finishes. Fragments are
/// keyed by the caller (chat completions: choice and tool index, which may start at 1 and have gaps: docs/protocols/chat-completions.md#gotchas); keys
/// that share their upper 32 bits form a group whose calls stream one after another.
/// Arguments are concatenated as text, so a fragment boundary anywhere (inside an escape or a surrogate pair) is harmless.
/// </summary>
internal sealed class ToolCallAccumulator(int maxChars)
{
    private readonly List<PendingCall> _pending = [];
    private readonly HashSet<long> _emitted = [];
    private long _totalChars;

    /// <summary>Adds a fragment; completed calls are appended to <paramref name="completed"/>.</summary>
    /// <exception cref="FormatException">A fragment continues a call that was already complete.</exception>
    /// <exception cref="InvalidDataException">The arguments outgrew the cap.</exception>
    public void Append(long key, string? id, string? name, string? arguments, IList<AIContent> completed)
    {
        PendingCall? call = Find(key);
        if (call is null)
        {
            if (_emitted.Contains(key))
            {
                if (string.IsNullOrWhiteSpace(arguments) && id is null && name is null)
                {
                    return;
                }

                throw new FormatException($"A tool-call fragment arrived for call {key} after its arguments were complete.");
            }

            // A new call starts: every earlier one of the same group is complete (calls stream one after another). Groups
            // (the upper 32 bits of the key: the choice index in chat completions) interleave when n > 1.
            FlushGroup(key >> 32, completed);
            call = new PendingCall(key);
            _pending.Add(call);
        }

        call.Id ??= id;
        call.Name ??= name;
        if (!string.IsNullOrEmpty(arguments))
        {
            // Bounded memory (docs/reliability.md): each event is capped, the number of fragments is not.
            _totalChars += arguments.Length;
            if (_totalChars > maxChars)
            {
                throw new InvalidDataException($"Tool-call arguments exceeded {maxChars:N0} characters (NexLLMClientOptions.MaxResponseBytes).");
            }

            call.Append(arguments);
        }

        if (call.IsJsonComplete && call.Name is not null)
        {
            Complete(call, completed);
        }
    }

    /// <summary>Hands out every call still pending (the response finished).</summary>
    public void Flush(IList<AIContent> completed)
    {
        while (_pending.Count > 0)
        {
            Complete(_pending[0], completed);
        }
    }

    /// <summary>Hands out every call of one group still pending (that choice finished).</summary>
    public void FlushGroup(long group, IList<AIContent> completed)
    {
        for (int i = 0; i < _pending.Count;)
        {
            if (_pending[i].Key >> 32 == group)
            {
                Complete(_pending[i], completed);
            }
            else
            {
                i++;
            }
        }
    }

    private PendingCall? Find(long key)
    {
        foreach (PendingCall call in _pending)
        {
            if (call.Key == key)
            {
                return call;
            }
        }

        return null;
    }

    private void Complete(PendingCall call, IList<AIContent> completed)
    {
        _pending.Remove(call);
        _emitted.Add(call.Key);
        completed.Add(FunctionCalls.Parse(call.Id, call.Name ?? string.Empty, call.Arguments));
    }

    private sealed class PendingCall(long key)
    {
        private readonly StringBuilder _arguments = new();
        private int _depth;
        private bool _inString;
        private bool _escaped;
        private bool _started;

        public long Key { get; } = key;

        public string? Id { get; set; }

        public string? Name { get; set; }

        public string Arguments => _arguments.ToString();

        /// <summary>Gets a value indicating whether the arguments hold one whole JSON object or array already.</summary>
        public bool IsJsonComplete => _started && _depth == 0 && !_inString;

        public void Append(string fragment)
        {
            _arguments.Append(fragment);
            foreach (char c in fragment)
            {
                Track(c);
            }
        }

        private void Track(char c)
        {
            if (_inString)
            {
                if (_escaped)
                {
                    _escaped = false;
                }
                else if (c == '\\')
                {
                    _escaped = true;
                }
                else if (c == '"')
                {
                    _inString = false;
                }

                return;
            }

            switch (c)
            {
                case '"':
                    _inString = true;
                    break;
                case '{' or '[':
                    _depth++;
                    _started = true;
                    break;
                case '}' or ']':
                    _depth--;
                    break;
            }
        }
    }
}
