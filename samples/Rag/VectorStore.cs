using System.Numerics.Tensors;

namespace Rag;

/// <summary>A passage of a document: its text and the file it comes from.</summary>
public sealed record Passage(string Source, string Text);

/// <summary>A passage found by a search, with its cosine similarity to the query.</summary>
public sealed record Match(Passage Passage, float Similarity);

/// <summary>The smallest useful vector store: passages and their vectors in memory, searched by cosine similarity.</summary>
public sealed class VectorStore
{
    private readonly List<(Passage Passage, ReadOnlyMemory<float> Vector)> _entries = [];

    public int Count => _entries.Count;

    public void Add(Passage passage, ReadOnlyMemory<float> vector) => _entries.Add((passage, vector));

    /// <summary>Returns the <paramref name="top"/> passages most similar to <paramref name="query"/>, best first.</summary>
    public IReadOnlyList<Match> Search(ReadOnlyMemory<float> query, int top) =>
        [.. _entries
            .Select(e => new Match(e.Passage, TensorPrimitives.CosineSimilarity(query.Span, e.Vector.Span)))
            .OrderByDescending(m => m.Similarity)
            .Take(top)];
}
