using System.Globalization;
using System.Text.RegularExpressions;

namespace NexLLM.Connectors.Emulator.Engine;

/// <summary>What the engine reads from the user's last message: its words, places, quoted strings, numbers and topic.</summary>
internal sealed partial class UserText
{
    private const int MaxTopicLength = 80;

    // A capitalised name, possibly several words: "Paris", "New York", "Saint-Étienne".
    private const string Name = @"\p{Lu}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*)*";

    // Capitalised words after these prepositions that are not places ("in Celsius", "in JSON").
    private static readonly HashSet<string> NotPlaces = new(StringComparer.OrdinalIgnoreCase)
    {
        "Celsius", "Fahrenheit", "Kelvin", "JSON", "XML", "English", "French", "German", "Spanish", "Chinese", "Markdown", "I", "Me", "You",
    };

    private static readonly string[] TopicPrefixes =
    [
        "please ", "can you ", "could you ", "would you ", "will you ", "tell me about ", "tell me ", "what is ", "what's ",
        "what are ", "who is ", "who are ", "explain ", "describe ", "give me ", "show me ", "write ", "how do i ", "how to ",
        "i want to know ", "i'd like to know ", "let me know ",
    ];

    private static readonly HashSet<string> QuestionStarts = new(StringComparer.OrdinalIgnoreCase)
    {
        "what", "what's", "who", "where", "when", "why", "how", "which", "is", "are", "can", "could", "do", "does", "did", "will", "would", "should",
    };

    // A topic that starts with one of these does not fit "about …" ("What is in this image?" -> "in this image").
    private static readonly HashSet<string> AwkwardTopicStarts = new(StringComparer.OrdinalIgnoreCase)
    {
        "in", "on", "at", "to", "for", "of", "with", "from", "it", "this", "that", "these", "those", "there", "here",
        "you", "your", "my", "i", "me", "we", "us", "is", "are", "was", "be", "do", "does", "did", "not", "so",
    };

    private static readonly HashSet<string> Greetings = new(StringComparer.OrdinalIgnoreCase) { "hi", "hello", "hey", "hallo", "greetings", "yo", "howdy" };

    public UserText(string text)
    {
        Text = WhitespaceRun().Replace(text, " ").Trim();
        Words = new HashSet<string>(WordPattern().Matches(Text).Select(m => m.Value.ToLowerInvariant()), StringComparer.Ordinal);
        Places = FindPlaces(Text);
        Quoted = QuotedPattern().Matches(Text).Select(m => m.Groups["q"].Value).Where(q => q.Length > 0).ToList();
        Numbers = NumberPattern().Matches(Text)
            .Select(m => double.Parse(m.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture))
            .ToList();
        Topic = FindTopic(Text);
        Excerpt = Shorten(Text);
        TopicReadsWell = Topic.Length > 0 && !AwkwardTopicStarts.Contains(Topic.Split(' ', 2)[0]);
        string firstWord = Text.Split(' ', 2)[0].TrimEnd(',', '!', '.', '?').ToLowerInvariant();
        IsQuestion = Text.EndsWith('?') || QuestionStarts.Contains(firstWord);
        IsGreeting = Greetings.Contains(firstWord) && Text.Split(' ').Length <= 4;
    }

    /// <summary>Gets the text with whitespace collapsed.</summary>
    public string Text { get; }

    /// <summary>Gets the lower-case words.</summary>
    public IReadOnlySet<string> Words { get; }

    /// <summary>Gets capitalised names after "in", "at", "for", "to", "from", "near", "of", lists included ("in Paris and London").</summary>
    public IReadOnlyList<string> Places { get; }

    /// <summary>Gets strings in double quotes, curly quotes or single quotes.</summary>
    public IReadOnlyList<string> Quoted { get; }

    /// <summary>Gets the numbers, in order.</summary>
    public IReadOnlyList<double> Numbers { get; }

    /// <summary>Gets what the message is about: the text without request phrasing ("Can you tell me…") or final punctuation.</summary>
    public string Topic { get; }

    /// <summary>Gets whether "about {Topic}" reads as English.</summary>
    public bool TopicReadsWell { get; }

    /// <summary>Gets "about {Topic}", or the quoted text when the topic does not read well after "about".</summary>
    public string AboutPhrase => TopicReadsWell ? $"about {Topic}" : $"\"{Excerpt}\"";

    /// <summary>Gets the text, shortened to quote it.</summary>
    public string Excerpt { get; }

    public bool IsQuestion { get; }

    public bool IsGreeting { get; }

    public bool IsEmpty => Text.Length == 0;

    /// <summary>Whether the text has this word, or its plural or singular.</summary>
    public bool Mentions(string word)
    {
        string lower = word.ToLowerInvariant();
        return Words.Contains(lower)
            || Words.Contains(lower + "s")
            || (lower.Length > 3 && lower.EndsWith('s') && Words.Contains(lower[..^1]));
    }

    private static List<string> FindPlaces(string text)
    {
        var places = new List<string>();
        foreach (Match match in PlaceListPattern().Matches(text))
        {
            foreach (Capture capture in match.Groups["place"].Captures)
            {
                if (!NotPlaces.Contains(capture.Value) && !places.Contains(capture.Value))
                {
                    places.Add(capture.Value);
                }
            }
        }

        if (places.Count == 0 && LowerCasePlacePattern().Match(text) is { Success: true } lower)
        {
            // "weather in paris": take the word after "in" and capitalise it.
            string word = lower.Groups["place"].Value;
            word = char.ToUpperInvariant(word[0]) + word[1..];
            if (!NotPlaces.Contains(word))
            {
                places.Add(word);
            }
        }

        return places;
    }

    private static string FindTopic(string text)
    {
        // The first sentence carries the question; what follows is usually an instruction ("Use the get_weather tool.").
        int end = FirstSentenceEnd(text);
        string topic = end > 0 ? text[..end] : text;
        bool stripped;
        do
        {
            stripped = false;
            foreach (string prefix in TopicPrefixes)
            {
                if (topic.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && topic.Length > prefix.Length)
                {
                    topic = topic[prefix.Length..];
                    stripped = true;
                }
            }
        }
        while (stripped);

        return Shorten(topic.TrimEnd('?', '!', '.', ' '));
    }

    private static int FirstSentenceEnd(string text)
    {
        for (int i = 0; i < text.Length - 1; i++)
        {
            if (text[i] is '?' or '!' or '.' && text[i + 1] == ' ')
            {
                return i;
            }
        }

        return -1;
    }

    private static string Shorten(string text)
    {
        if (text.Length <= MaxTopicLength)
        {
            return text;
        }

        int cut = text.LastIndexOf(' ', MaxTopicLength);
        if (cut <= 20)
        {
            cut = char.IsLowSurrogate(text[MaxTopicLength]) ? MaxTopicLength - 1 : MaxTopicLength;
        }

        return text[..cut] + "…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();

    [GeneratedRegex(@"[\p{L}\p{N}_]+")]
    private static partial Regex WordPattern();

    // Whole numbers only: "gpt-4o" and "o4-mini" hold no number.
    [GeneratedRegex(@"(?<![\p{L}\p{N}.-])-?\d+(?:\.\d+)?(?![\p{L}\p{N}])")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"""(?<q>[^""]+)""|“(?<q>[^”]+)”|(?<![\p{L}\p{N}])'(?<q>[^']+)'(?![\p{L}\p{N}])")]
    private static partial Regex QuotedPattern();

    [GeneratedRegex(@"\b(?:in|at|for|to|from|near|of)\s+(?<place>" + Name + @")(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*&\s*)(?<place>" + Name + "))*")]
    private static partial Regex PlaceListPattern();

    [GeneratedRegex(@"\bin\s+(?!the\b|a\b|an\b|my\b|your\b|this\b|that\b)(?<place>[a-z]{3,})\b")]
    private static partial Regex LowerCasePlacePattern();
}
