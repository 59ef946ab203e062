using System.CommandLine;
using System.Text;
using CommunityBot.Verbs;

Console.OutputEncoding = Encoding.UTF8;
Console.InputEncoding = Encoding.UTF8;

var dataOption = VerbHost.DataOption();
var languageOption = VerbHost.LanguageOption();
var filterOptions = new FilterOptions();

var root = new RootCommand("CommunityBot: anonymous reports of rights violations for OST community groups.")
{
    ChatVerb.Create(dataOption, languageOption),
    StatsVerb.Create(dataOption, languageOption, filterOptions),
    ExportVerb.Create(dataOption, languageOption, filterOptions),
    LetterVerb.Create(dataOption, languageOption, filterOptions),
    KeysVerb.Create(dataOption),
    CheckConfigVerb.Create(dataOption),
    PurgeVerb.Create(dataOption),
    BackupVerb.Create(dataOption),
    RestoreVerb.Create(dataOption),
};
ServiceVerb.SetOn(root, dataOption);

var parse = root.Parse(args);
return parse.Errors.Count == 0 ? await parse.InvokeAsync() : await ParseErrors.ReportAsync(parse);
