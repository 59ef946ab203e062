using CommunityBot.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommunityBot.Conversations;

internal static class IntakeServiceCollectionExtensions
{
    /// <summary>The reporting conversation: its flow (loaded and validated once), the engine and the intake.</summary>
    public static IServiceCollection AddIntake(this IServiceCollection services)
    {
        services.AddCalendar();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<IntakeOptions>>().Value;
            return FlowBundle.Load(
                IntakeOptions.Resolve(o.FlowFile),
                IntakeOptions.Resolve(o.TextsDirectory),
                string.IsNullOrWhiteSpace(o.PlacesFile) ? null : IntakeOptions.Resolve(o.PlacesFile),
                o.DefaultLanguage);
        });
        services.AddSingleton(sp => sp.GetRequiredService<FlowBundle>().Texts);
        services.AddSingleton<DateAnswerParser>();
        services.AddSingleton<SensitiveDataScanner>();
        services.AddSingleton<ContactMasking>();
        services.AddSingleton<FlowRunner>();
        services.AddSingleton<Reports.ReportEvents>();
        services.AddSingleton<Reports.ReportCards>();
        services.AddSingleton<Reports.OwedEvents>();
        services.AddSingleton<Reports.FollowUpQuestions>();
        services.AddSingleton<MemberLimits>();
        services.AddSingleton<ReceiptCommands>();
        services.AddSingleton<ReportSubmission>();
        services.AddSingleton<ReportIntake>();
        services.AddHostedService<DraftExpiryService>();
        return services;
    }

    /// <summary>The community's calendar (Intake:TimeZone, Intake:DateFloor): what "today" is for dates members give
    /// and for the day a report is filed under. Stores need it without the rest of the intake.</summary>
    public static IServiceCollection AddCalendar(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(CalendarSettings)))
        {
            return services;
        }
        services.AddOptions<IntakeOptions>()
            .BindConfiguration(IntakeOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => TryFindTimeZone(o.TimeZone) is not null, "Intake:TimeZone must be an IANA time zone id such as Asia/Almaty")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<IntakeOptions>>().Value;
            return new CalendarSettings(TryFindTimeZone(o.TimeZone) ?? TimeZoneInfo.Utc, o.DateFloor);
        });
        return services;
    }

    private static TimeZoneInfo? TryFindTimeZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
}
