using System.Globalization;
using System.Text;
using NexLLM.Connectors.Http;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Security;

/// <summary>
/// The redactor removes every run of 8 or more characters of the key from server text, however the server wrote it (whole,
/// without <c>sk-</c>, a prefix, a piece from the middle, another case, JSON-escaped), and leaves every other character alone.
/// </summary>
public sealed class SecretRedactorTests
{
    private const string Key = "sk-CANARY7f3a9c2e5b1d4068aa17";

    [Theory]
    [InlineData("token sk-CANARY7f3a9... is not valid", "token [REDACTED]... is not valid")]
    [InlineData("Invalid token sk-CANARY7f3a9c2e5b1d4068aa17.", "Invalid token [REDACTED].")]
    [InlineData("key CANARY7f3a9c2e5b1d4068aa17 disabled", "key [REDACTED] disabled")]
    [InlineData("key ...5b1d4068aa17 disabled", "key ...[REDACTED] disabled")]
    [InlineData("key canary7F3A9C2E disabled", "key [REDACTED] disabled")]
    [InlineData("""{"message":"token \u0073k-CANARY7f\u0033a9c... bad"}""", """{"message":"token [REDACTED]... bad"}""")]
    [InlineData("""{"message":"token sk-CANARY7f3a9c\/x"}""", """{"message":"token [REDACTED]\/x"}""")]
    [InlineData("a 7-character run CANARY7 stays", "a 7-character run CANARY7 stays")]
    [InlineData("two pieces: 7f3a9c2e and 1d4068aa17!", "two pieces: [REDACTED] and [REDACTED]!")]
    [InlineData("nothing here at all", "nothing here at all")]
    [InlineData("""inner: {\"message\":\"token \\u0073k-CANARY7f\\u0033a9c\"}""", """inner: {\"message\":\"token [REDACTED]\"}""")]
    [InlineData(@"a lone backslash \CANARY7f3a9c2e", @"a lone backslash \[REDACTED]")]
    [InlineData(@"a trailing backslash \", @"a trailing backslash \")]
    [InlineData(@"a short escape \u00", @"a short escape \u00")]
    public void Redacts_every_run_of_eight_key_characters(string text, string expected) =>
        Assert.Equal(expected, new SecretRedactor(Key).Redact(text));

    [Fact]
    public void Key_characters_that_read_as_an_escape_after_a_backslash_are_redacted_as_written() =>
        Assert.Equal(@"bad key \[REDACTED]", new SecretRedactor("sk-u1a2Bcdefghi9X").Redact(@"bad key \u1a2Bcdefghi"));

    [Fact]
    public void Text_without_the_key_is_returned_as_the_same_instance()
    {
        string text = "no key in this text: sk-something-else";
        Assert.Same(text, new SecretRedactor(Key).Redact(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void No_key_redacts_nothing(string? key) =>
        Assert.Equal("sk-CANARY7f3a9c2e5b1d4068aa17", new SecretRedactor(key).Redact("sk-CANARY7f3a9c2e5b1d4068aa17"));

    [Fact]
    public void A_key_shorter_than_eight_characters_is_redacted_whole() =>
        Assert.Equal("key [REDACTED] and sk-ab", new SecretRedactor("sk-abc").Redact("key sk-abc and sk-ab"));

    /// <summary>
    /// Random keys, random pieces of them echoed in random case and with random JSON escapes, inside random text: no run of
    /// eight key characters survives (checked on the text as written and with its escapes decoded), and the text around the
    /// echoes comes through unchanged.
    /// </summary>
    [Fact]
    public void Random_keys_and_random_echoes_leave_no_run_of_eight_key_characters()
    {
        const int Seed = 20261205;
        var random = new Random(Seed);
        for (int round = 0; round < 2_000; round++)
        {
            string key = "sk-" + RandomToken(random, random.Next(8, 60));
            var redactor = new SecretRedactor(key);
            var text = new StringBuilder();
            var filler = new List<string>();
            for (int part = random.Next(1, 6); part > 0; part--)
            {
                string words = RandomWords(random);
                filler.Add(words);
                text.Append(words).Append(' ').Append(Echo(random, key)).Append(' ');
            }

            string input = text.ToString();
            string output = redactor.Redact(input);
            string context = $"seed {Seed}, round {round}: key {key}, input {input}, output {output}";
            Assert.True(KeyRuns.Longest(output, key) < SecretRedactor.MinRun, context);
            Assert.All(filler, words => Assert.Contains(words, output, StringComparison.Ordinal));
        }
    }

    /// <summary>A piece of the key (8 characters up to all of it), in random case, with some characters JSON-escaped.</summary>
    private static string Echo(Random random, string key)
    {
        int length = random.Next(SecretRedactor.MinRun, key.Length + 1);
        int start = random.Next(0, key.Length - length + 1);
        var echo = new StringBuilder();
        foreach (char c in key.AsSpan(start, length))
        {
            char cased = random.Next(4) == 0 ? (char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)) : c;
            echo.Append(random.Next(6) == 0 ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)cased:x4}") : cased.ToString());
        }

        return echo.ToString();
    }

    private static string RandomToken(Random random, int length)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return string.Create(length, random, static (span, r) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[r.Next(Alphabet.Length)];
            }
        });
    }

    /// <summary>Words with spaces and punctuation: never eight characters of a key drawn from letters, digits, '-' and '_'.</summary>
    private static string RandomWords(Random random)
    {
        string[] words = ["token", "is", "not", "valid", "key", "error:", "(", ")", "\"", "...", "rejected", "for", "user"];
        return string.Join(' ', Enumerable.Range(0, random.Next(1, 5)).Select(_ => words[random.Next(words.Length)]));
    }
}
