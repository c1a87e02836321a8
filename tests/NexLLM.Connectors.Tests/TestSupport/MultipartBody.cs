using System.Text;

namespace NexLLM.Connectors.Tests.TestSupport;

/// <summary>
/// Builds an expected <c>multipart/form-data</c> body (RFC 7578) part by part, so a test can pin a form byte for byte:
/// <c>Body(boundary, Field(...), FilePart(...))</c>.
/// </summary>
public static class MultipartBody
{
    /// <summary>The boundary of a recorded form, after checking its <c>Content-Type</c>.</summary>
    public static string BoundaryOf(RecordedRequest request)
    {
        string contentType = request.Header("Content-Type")!;
        Assert.StartsWith("multipart/form-data; boundary=", contentType, StringComparison.Ordinal);
        return contentType["multipart/form-data; boundary=".Length..];
    }

    public static byte[] Field(string name, string value) =>
        Encoding.UTF8.GetBytes($"Content-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");

    public static byte[] FilePart(string name, string fileName, string mediaType, byte[] data) =>
        [.. Encoding.UTF8.GetBytes($"Content-Disposition: form-data; name=\"{name}\"; filename=\"{fileName}\"\r\nContent-Type: {mediaType}\r\n\r\n"), .. data, .. "\r\n"u8];

    public static byte[] Body(string boundary, params byte[][] parts)
    {
        var body = new List<byte>();
        foreach (byte[] part in parts)
        {
            body.AddRange(Encoding.ASCII.GetBytes($"--{boundary}\r\n"));
            body.AddRange(part);
        }

        body.AddRange(Encoding.ASCII.GetBytes($"--{boundary}--\r\n"));
        return [.. body];
    }

    /// <summary>Asserts that a recorded form is exactly these parts, shown as Latin-1 text so that a difference is readable.</summary>
    public static void AssertForm(RecordedRequest sent, params byte[][] parts) =>
        Assert.Equal(Encoding.Latin1.GetString(Body(BoundaryOf(sent), parts)), Encoding.Latin1.GetString(sent.Body));
}
