using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace AccessRequests.Provisioning;

/// <summary>The <c>Provisioning</c> configuration section: one worker serves one data location.</summary>
public sealed class ProvisioningOptions
{
    public const string SectionName = "Provisioning";

    /// <summary>The data location this worker serves (e.g. <c>ngc-hpc</c>): queue name and routing key.</summary>
    public string Location { get; set; } = "";

    /// <summary>Holds one folder per dataset id.</summary>
    public string DatasetRoot { get; set; } = "";

    /// <summary>Holds one folder per local user with a symlink per dataset they may use.</summary>
    public string UserRoot { get; set; } = "";

    /// <summary>Where processed message ids and ended grants are recorded.</summary>
    public string StateDirectory { get; set; } = "";

    /// <summary>Print the commands instead of running them.</summary>
    public bool DryRun { get; set; }

    /// <summary>The service's user id → local POSIX user; unmapped ids are used as they are (when valid).</summary>
    public Dictionary<string, string> UserNameMap { get; set; } = [];

    public RabbitMqSettings RabbitMq { get; set; } = new();

    public ApiSettings Api { get; set; } = new();

    public sealed class RabbitMqSettings
    {
        public string Host { get; set; } = "localhost";
        public ushort Port { get; set; } = 5672;
        public string Username { get; set; } = "guest";
        public string Password { get; set; } = "guest";
        public string VirtualHost { get; set; } = "/";
    }

    /// <summary>The grants API for reconciliation at start; skipped when <see cref="BaseUrl"/> is unset.</summary>
    public sealed class ApiSettings
    {
        public string? BaseUrl { get; set; }
        public string? BearerToken { get; set; }
    }
}

internal sealed partial class ProvisioningOptionsValidator : IValidateOptions<ProvisioningOptions>
{
    public ValidateOptionsResult Validate(string? name, ProvisioningOptions options)
    {
        var errors = new List<string>();
        // The location becomes a queue name and a routing key: keep it to plain characters.
        if (!LocationPattern().IsMatch(options.Location))
            errors.Add($"{ProvisioningOptions.SectionName}:Location is required (letters, digits, '.', '_', '-'), e.g. ngc-hpc.");
        foreach (var (key, value) in new[] { ("DatasetRoot", options.DatasetRoot), ("UserRoot", options.UserRoot), ("StateDirectory", options.StateDirectory) })
        {
            if (!Path.IsPathFullyQualified(value))
                errors.Add($"{ProvisioningOptions.SectionName}:{key} must be an absolute path.");
        }
        foreach (var (userId, localUser) in options.UserNameMap)
        {
            if (!LocalUserNames.IsValid(localUser))
                errors.Add($"{ProvisioningOptions.SectionName}:UserNameMap maps '{userId}' to '{localUser}', which is not a valid local user name.");
        }
        if (!string.IsNullOrWhiteSpace(options.Api.BaseUrl) && !Uri.TryCreate(options.Api.BaseUrl, UriKind.Absolute, out _))
            errors.Add($"{ProvisioningOptions.SectionName}:Api:BaseUrl must be an absolute URL.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex LocationPattern();
}
