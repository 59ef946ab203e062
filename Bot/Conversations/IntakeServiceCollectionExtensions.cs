using CommunityBot.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CommunityBot.Conversations;

internal static class IntakeServiceCollectionExtensions
{
    /// <summary>The reporting conversation: its flow (loaded and validated once), the engine and the intake.</summary>
    public static IServiceCollection AddIntake(this IServiceCollection services)
    {
        services.AddCalendar();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<IntakeOptions>>().Value;
            return FlowBundle.Load(
                IntakeOptions.Resolve(o.FlowFile),
                IntakeOptions.Resolve(o.TextsDirectory),
                string.IsNullOrWhiteSpace(o.PlacesFile) ? null : IntakeOptions.Resolve(o.PlacesFile),
                o.DefaultLanguage);
        });
        services.TryAddSingleton(sp => sp.GetRequiredService<FlowBundle>().Texts);
        services.TryAddSingleton<DateAnswerParser>();
        services.TryAddSingleton<SensitiveDataScanner>();
        services.TryAddSingleton<ContactMasking>();
        services.TryAddSingleton<FlowRunner>();
        services.TryAddSingleton<Reports.ReportEvents>();
        services.TryAddSingleton<Reports.ReportCards>();
        services.TryAddSingleton<Reports.OwedEvents>();
        services.TryAddSingleton<Reports.FollowUpQuestions>();
        services.TryAddSingleton<MemberLimits>();
        services.TryAddSingleton<ReceiptCommands>();
        services.TryAddSingleton<ReportSubmission>();
        services.TryAddSingleton<ReportIntake>();
        services.TryAddSingleton<AnswerRequests>();
        services.AddHostedService<DraftExpiryService>();
        return services;
    }

    /// <summary>The community's calendar (Intake:TimeZone, Intake:DateFloor): what "today" is for dates members give
    /// and for the day a report is filed under. Stores need it without the rest of the intake.</summary>
    public static IServiceCollection AddCalendar(this IServiceCollection services)
    {
        services.AddOptions<IntakeOptions>()
            .BindConfiguration(IntakeOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => TryFindTimeZone(o.TimeZone) is not null, "Intake:TimeZone must be an IANA time zone id such as Asia/Almaty")
            .ValidateOnStart();
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<IntakeOptions>>().Value;
            return new CalendarSettings(TryFindTimeZone(o.TimeZone) ?? TimeZoneInfo.Utc, o.DateFloor);
        });
        return services;
    }

    private static TimeZoneInfo? TryFindTimeZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
}
