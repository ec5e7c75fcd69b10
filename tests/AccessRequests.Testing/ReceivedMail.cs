namespace AccessRequests.Testing;

/// <summary>One message as it reached the test mailbox (or an .eml file), decoded for assertions.</summary>
public sealed class ReceivedMail
{
    private ReceivedMail(string path, byte[] bytes)
    {
        Path = path;
        Raw = System.Text.Encoding.UTF8.GetString(bytes);
        Message = MimeEntity.Parse(bytes);
        var parts = Message.Descendants().Where(p => p.Parts.Count == 0).ToList();
        Text = parts.FirstOrDefault(p => p.MediaType == "text/plain")?.DecodedText();
        Html = parts.FirstOrDefault(p => p.MediaType == "text/html")?.DecodedText();
    }

    /// <summary>The file it was read from.</summary>
    public string Path { get; }

    /// <summary>The whole message as stored, read as UTF-8.</summary>
    public string Raw { get; }

    public MimeEntity Message { get; }

    /// <summary>The recipient exim delivered this copy to (its Envelope-to header); null in an .eml the service wrote.</summary>
    public string? EnvelopeTo => Message.Header("Envelope-to");

    public string? From => Message.DecodedHeader("From");

    public string? To => Message.DecodedHeader("To");

    public string? Subject => Message.DecodedHeader("Subject");

    public string? ContentLanguage => Message.Header("Content-Language");

    public string? MessageId => Message.Header("Message-ID");

    /// <summary>The plain text part (or body), decoded, line ends as LF.</summary>
    public string? Text { get; }

    /// <summary>The HTML part, decoded, line ends as LF.</summary>
    public string? Html { get; }

    public static ReceivedMail Read(string path) => new(path, File.ReadAllBytes(path));

    public override string ToString() => $"to {EnvelopeTo ?? To}: \"{Subject}\" ({ContentLanguage}, {MessageId})";
}
