using System.Security.Cryptography;
using AccessRequests.Web.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace AccessRequests.Web.Notifications;

/// <summary>
/// The secret in an invitation link, derived from the invitation's id with the service's key: the event log keeps only
/// its hash, yet the notification consumer can put the link in the invitee's e-mail long after the request that made it.
/// </summary>
public sealed class InvitationTokens
{
    private readonly byte[] key;

    public InvitationTokens(IOptions<ServiceOptions> options)
    {
        var configured = options.Value.Notifications.InvitationKeyPath;
        var path = configured ?? options.Value.DataPath("keys", "invitation-links.key");
        if (!File.Exists(path))
        {
            if (configured is not null)
            {
                throw new InvalidOperationException($"The invitation key '{path}' (Notifications:InvitationKeyPath) does not exist.");
            }
            SecretFile.WriteOnce(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }
        key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        if (key.Length < 32)
        {
            throw new InvalidOperationException($"The invitation key '{path}' is shorter than 32 bytes.");
        }
    }

    /// <summary>The token of the invitation, URL-safe.</summary>
    public string For(Guid invitationId) =>
        Base64UrlEncoder.Encode(HMACSHA256.HashData(key, invitationId.ToByteArray(bigEndian: true)));
}
