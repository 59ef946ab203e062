namespace CommunityBot.Conversations;

/// <summary>Keys the code itself looks up (the flow adds its own per step). Every language file must hold
/// all of them; <see cref="FlowValidator"/> checks that at start-up.</summary>
internal static class TextKeys
{
    public static readonly IReadOnlyList<string> Required =
    [
        "language.name",
        "nav.back", "nav.cancel", "nav.done", "nav.other", "nav.submit", "nav.edit",
        "yesno.yes", "yesno.no", "yesno.typed_yes", "yesno.typed_no",
        "consent.accept", "consent.decline", "consent.declined",
        "date.today", "date.yesterday", "date.this_week", "date.earlier", "date.pick_day", "date.type", "date.day_button",
        "date.weekday.1", "date.weekday.2", "date.weekday.3", "date.weekday.4", "date.weekday.5", "date.weekday.6", "date.weekday.7",
        "error.date.unrecognized", "error.date.future", "error.date.too_old",
        "error.choice.unknown", "error.multi.empty", "error.text.empty", "error.text.too_short", "error.text.too_long",
        "text.keep_start", "text.retype", "text.current", "text.keep_current", "chat.story_kept", "error.not_text",
        "mask.found", "mask.mask", "mask.keep",
        "mask.kind.phone", "mask.kind.email", "mask.kind.url", "mask.kind.mention", "mask.kind.code",
        "mask.placeholder.phone", "mask.placeholder.email", "mask.placeholder.url", "mask.placeholder.mention", "mask.placeholder.code",
        "place.none_known", "place.type_name", "place.masked",
        "review.prompt", "review.empty_answer", "review.hint", "review.typed_send",
        "back.at_start", "cancelled",
        "draft.resumed", "draft.expired", "draft.flow_changed",
        "receipt.issued", "receipt.clear_button", "receipt.clear_hint", "receipt.forget_hint", "receipt.cleared", "receipt.terminal_hint", "receipt.clear_failed",
        "status.question", "status.answer_hint",
        "status.usage", "status.unknown", "status.label_not_code", "status.report",
        "status.new", "status.in_review", "status.verified", "status.action_taken", "status.resolved", "status.rejected", "status.duplicate",
        "help.text", "help.text_terminal", "help.text_messenger", "language.changed", "language.usage",
        "chat.welcome", "chat.welcome_console", "chat.bye", "chat.command_unknown",
        "chat.hint.choice", "chat.hint.multi", "chat.hint.text", "chat.hint.text_or_choice",
        "error.generic",
        "status.withdrawn", "add.usage", "add.prompt", "add.cancelled", "add.done", "add.masked", "delete.usage", "delete.done", "text.appended", "text.appended_masked", "text.appended_cut", "text.kept_for_story",
        "tg.stale_button", "tg.slow_down", "tg.contact_refused", "tg.media_not_kept", "tg.edited_ignored", "tg.group_not_served",
        "tg.group_report", "tg.report_button", "tg.nudge", "tg.membership_refused", "tg.private_only", "tg.code_in_group",
        "forget.done", "forget.not_deleted", "forget.terminal", "forget.messenger",
        "mod.take", "mod.verify", "mod.action_taken", "mod.resolve", "mod.reject", "mod.reject.spam", "mod.reject.unverifiable",
        "mod.reject.out_of_scope", "mod.refused", "mod.illegal", "mod.assigned", "mod.queue.title", "mod.queue.page", "mod.queue.empty", "mod.show.none",
        "mod.audit.title", "mod.help", "mod.note.added", "mod.reply.not_a_card", "mod.find.usage",
        "mod.status.new", "mod.status.in_review", "mod.status.verified", "mod.status.action_taken", "mod.status.resolved",
        "mod.status.rejected", "mod.status.duplicate", "mod.status.withdrawn",
        "mod.ask", "mod.ask.prompt", "mod.ask.prompt_kept", "mod.ask.no_consent", "mod.ask.sent", "mod.ask.not_sent", "mod.answer", "mod.added", "mod.withdrawn",
        "mod.duplicate", "mod.duplicate.prompt", "mod.duplicate.done", "mod.duplicate.unknown", "mod.duplicate_of", "mod.question",
        "followup.question", "followup.answer_button", "followup.write_answer", "followup.answer_sent", "followup.answer_taken", "followup.not_awaited",
        "followup.none_open", "followup.answer_in_interview",
        "stats.total", "stats.by_status", "stats.by_category", "stats.by_area", "stats.by_month", "stats.unknown", "stats.small_counts", "stats.chart_title", "stats.chart_empty",
        "cmd.start", "cmd.report", "cmd.status", "cmd.add", "cmd.delete", "cmd.forget", "cmd.language", "cmd.help", "cmd.cancel",
        "letters.chat.none", "letters.tg.refused", "letters.tg.busy", "letters.tg.card_button", "letters.tg.pick", "letters.tg.pick_for",
        "letters.tg.report", "letters.tg.report_unknown", "letters.tg.set", "letters.tg.set.last_month", "letters.tg.set.last_quarter",
        "letters.tg.set.this_year", "letters.tg.set.all", "letters.tg.set.words", "letters.tg.filter", "letters.tg.field", "letters.tg.field_again",
        "letters.tg.new_value", "letters.tg.preview", "letters.tg.send", "letters.tg.change", "letters.tg.sent", "letters.tg.cancelled", "letters.tg.gone",
        "letters.tg.no_consent", "letters.tg.no_consent_card",
    ];
}
