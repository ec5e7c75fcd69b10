namespace AccessRequests.Web.Hosting;

/// <summary>A key kept in a file readable by the service's user only, written once.</summary>
public static class SecretFile
{
    /// <summary>
    /// Writes <paramref name="text"/> to <paramref name="path"/> unless the file exists; several processes starting at
    /// once all end up with the one that was written first.
    /// </summary>
    public static void WriteOnce(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
