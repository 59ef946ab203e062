namespace CommunityBot;

/// <summary>A configuration the bot must not run with (a flow, a letter template, a phrase file, a setting). Start-up
/// stops with its message, and the program exits with <see cref="Verbs.ExitCodes.Configuration"/>.</summary>
internal abstract class ConfigurationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Settings that failed their validators (<c>ValidateOnStart</c>), with the validators' messages.</summary>
internal sealed class SettingsException(Microsoft.Extensions.Options.OptionsValidationException inner)
    : ConfigurationException(inner.Message, inner);
