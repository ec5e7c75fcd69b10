using System.Text.Json;
using System.Text.Json.Serialization;
using AccessRequests.Domain.Applications;
using AccessRequests.Domain.Workflows;
using AccessRequests.Web.Catalogue;
using FluentValidation;

namespace AccessRequests.Web.Applications;

/// <summary>The JSON bodies of the application commands (DESIGN.md §6) and their rules.</summary>
public static class CommandRequests
{
    public sealed class Create
    {
        public List<string> DatasetIds { get; set; } = [];
    }

    public sealed class CreateValidator : AbstractValidator<Create>
    {
        public CreateValidator()
        {
            RuleFor(r => r.DatasetIds).NotNull().Must(d => d.Count is >= 1 and <= 20).WithMessage("Apply for 1 to 20 datasets.")
                .Must(d => d.Distinct().Count() == d.Count).WithMessage("A dataset is named once.");
            RuleForEach(r => r.DatasetIds).ValidId();
        }
    }

    public sealed class Empty;

    public sealed class CopyAsNew
    {
        [JsonIgnore]
        public Guid NewId { get; } = Guid.CreateVersion7();
    }

    public sealed class Purpose
    {
        public List<string> DuoCodes { get; set; } = [];
        public string? Disease { get; set; }
        public bool Commercial { get; set; }
        public string? Description { get; set; }
    }

    public sealed class SaveDraft
    {
        public string? Title { get; set; }
        public Dictionary<string, JsonElement> Answers { get; set; } = [];
        public Purpose? ResearchPurpose { get; set; }
    }

    public sealed class SaveDraftValidator : AbstractValidator<SaveDraft>
    {
        public SaveDraftValidator()
        {
            RuleFor(r => r.Title).MaximumLength(300);
            RuleFor(r => r.Answers).NotNull().Must(a => a.Count <= 100).WithMessage("At most 100 answers.");
            RuleForEach(r => r.Answers).Must(a => a.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                .WithMessage("An answer is a string, a number or true/false.")
                .Must(a => a.Value.ValueKind != JsonValueKind.String || a.Value.GetString()!.Length <= 20_000)
                .WithMessage("An answer is at most 20000 characters.");
            RuleFor(r => r.ResearchPurpose!).ChildRules(p =>
            {
                p.RuleFor(x => x.DuoCodes).NotNull().Must(c => c.Count <= 20).WithMessage("At most 20 DUO codes.");
                p.RuleForEach(x => x.DuoCodes).Matches(CatalogueRules.DuoPattern).WithMessage("A DUO code looks like DUO:0000042.");
                p.RuleFor(x => x.Disease).MaximumLength(300);
                p.RuleFor(x => x.Description).MaximumLength(20_000);
            }).When(r => r.ResearchPurpose is not null);
        }
    }

    public sealed class InviteMember
    {
        public string Email { get; set; } = "";
        public string Name { get; set; } = "";

        /// <summary>Made once per request, so a retried decision keeps the invitation (and its link) the inviter is given.</summary>
        [JsonIgnore]
        public Guid InvitationId { get; } = Guid.CreateVersion7();

        /// <summary>The link's secret, derived from <see cref="InvitationId"/> (see InvitationTokens): set when the command is built.</summary>
        [JsonIgnore]
        public string Token { get; set; } = "";
    }

    public sealed class InviteMemberValidator : AbstractValidator<InviteMember>
    {
        public InviteMemberValidator()
        {
            RuleFor(r => r.Email).NotEmpty().MaximumLength(254).EmailAddress();
            RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        }
    }

    public sealed class AcceptInvitation
    {
        public string Token { get; set; } = "";
    }

    public sealed class AcceptInvitationValidator : AbstractValidator<AcceptInvitation>
    {
        public AcceptInvitationValidator() => RuleFor(r => r.Token).NotEmpty().MaximumLength(200);
    }

    public sealed class RemoveMember
    {
        public string UserId { get; set; } = "";
    }

    public sealed class RemoveMemberValidator : AbstractValidator<RemoveMember>
    {
        public RemoveMemberValidator() => RuleFor(r => r.UserId).NotEmpty().MaximumLength(255);
    }

    public sealed class WithReason
    {
        public string? Reason { get; set; }
    }

    public sealed class WithReasonValidator : AbstractValidator<WithReason>
    {
        public WithReasonValidator() => RuleFor(r => r.Reason).MaximumLength(5_000);
    }

    public sealed class Comment
    {
        public string Text { get; set; } = "";
        public CommentVisibility Visibility { get; set; } = CommentVisibility.Public;
    }

    public sealed class CommentValidator : AbstractValidator<Comment>
    {
        public CommentValidator()
        {
            RuleFor(r => r.Text).NotEmpty().MaximumLength(20_000);
            RuleFor(r => r.Visibility).IsInEnum();
        }
    }

    public sealed class AddEthicsApproval
    {
        public string Committee { get; set; } = "";
        public string CaseNumber { get; set; } = "";
        public DateOnly ValidFrom { get; set; }
        public DateOnly ValidUntil { get; set; }
        public Guid? LetterAttachmentId { get; set; }
    }

    public sealed class AddEthicsApprovalValidator : AbstractValidator<AddEthicsApproval>
    {
        public AddEthicsApprovalValidator()
        {
            RuleFor(r => r.Committee).NotEmpty().MaximumLength(40);
            RuleFor(r => r.CaseNumber).NotEmpty().MaximumLength(60);
            RuleFor(r => r.ValidFrom).NotEmpty();
            RuleFor(r => r.ValidUntil).NotEmpty().GreaterThan(r => r.ValidFrom).WithMessage("The approval must end after it starts.");
        }
    }

    public sealed class DeclareAffiliation
    {
        public string Institution { get; set; } = "";
        public string Position { get; set; } = "";
        public string? SupervisorEmail { get; set; }
    }

    public sealed class DeclareAffiliationValidator : AbstractValidator<DeclareAffiliation>
    {
        public DeclareAffiliationValidator()
        {
            RuleFor(r => r.Institution).NotEmpty().MaximumLength(100);
            RuleFor(r => r.Position).NotEmpty().MaximumLength(200);
            RuleFor(r => r.SupervisorEmail).MaximumLength(254).EmailAddress().When(r => r.SupervisorEmail is not null);
        }
    }

    public sealed class WithComment
    {
        public string? Comment { get; set; }
    }

    public sealed class WithCommentValidator : AbstractValidator<WithComment>
    {
        public WithCommentValidator() => RuleFor(r => r.Comment).MaximumLength(5_000);
    }

    public sealed class RequiredReason
    {
        public string Reason { get; set; } = "";
    }

    public sealed class RequiredReasonValidator : AbstractValidator<RequiredReason>
    {
        public RequiredReasonValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(5_000);
    }

    public sealed class RequestInformation
    {
        public string Message { get; set; } = "";
        public string? StepId { get; set; }
    }

    public sealed class RequestInformationValidator : AbstractValidator<RequestInformation>
    {
        public RequestInformationValidator()
        {
            RuleFor(r => r.Message).NotEmpty().MaximumLength(10_000);
            RuleFor(r => r.StepId).MaximumLength(63);
        }
    }

    public sealed class Respond
    {
        public string Message { get; set; } = "";
    }

    public sealed class RespondValidator : AbstractValidator<Respond>
    {
        public RespondValidator() => RuleFor(r => r.Message).NotEmpty().MaximumLength(10_000);
    }

    public sealed class Assign
    {
        public string StepId { get; set; } = "";
        public string? Assignee { get; set; }
    }

    public sealed class AssignValidator : AbstractValidator<Assign>
    {
        public AssignValidator()
        {
            RuleFor(r => r.StepId).NotEmpty().MaximumLength(63);
            RuleFor(r => r.Assignee).MaximumLength(255);
        }
    }

    public sealed class CastVote
    {
        public string DacId { get; set; } = "";
        public DacVote? Vote { get; set; }
        public string? Comment { get; set; }
    }

    public sealed class CastVoteValidator : AbstractValidator<CastVote>
    {
        public CastVoteValidator()
        {
            RuleFor(r => r.DacId).ValidId();
            RuleFor(r => r.Vote).NotNull().WithMessage("The vote is 'approve', 'reject' or 'abstain'.");
            RuleFor(r => r.Comment).MaximumLength(5_000);
        }
    }

    public sealed class Revoke
    {
        public Guid? GrantId { get; set; }
        public string Reason { get; set; } = "";
    }

    public sealed class RevokeValidator : AbstractValidator<Revoke>
    {
        public RevokeValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(5_000);
    }

    public sealed class Renew
    {
        public DateOnly Until { get; set; }
        public string Justification { get; set; } = "";
    }

    public sealed class RenewValidator : AbstractValidator<Renew>
    {
        public RenewValidator()
        {
            RuleFor(r => r.Until).NotEmpty().WithMessage("Give the last day you need access.");
            RuleFor(r => r.Justification).NotEmpty().WithMessage("Say why you need access for longer.").MaximumLength(10_000);
        }
    }

    public sealed class Decide
    {
        public string DacId { get; set; } = "";
        public DacDecision? Decision { get; set; }
        public List<string>? DatasetIds { get; set; }
        public DateOnly? ValidUntil { get; set; }
        public List<string> Conditions { get; set; } = [];
        public string? Reason { get; set; }
    }

    public sealed class DecideValidator : AbstractValidator<Decide>
    {
        public DecideValidator()
        {
            RuleFor(r => r.DacId).ValidId();
            RuleFor(r => r.Decision).NotNull().WithMessage("The decision is 'approve' or 'reject'.");
            RuleFor(r => r.Conditions).NotNull().Must(c => c.Count <= 20).WithMessage("At most 20 conditions.");
            RuleForEach(r => r.Conditions).NotEmpty().MaximumLength(2_000);
            RuleFor(r => r.Reason).NotEmpty().WithMessage("A refusal needs a reason the applicant can read.")
                .When(r => r.Decision == DacDecision.Reject);
            RuleFor(r => r.Reason).MaximumLength(5_000);
        }
    }
}
