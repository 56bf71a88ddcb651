/// Guides that are not a command, shown by `crm help <topic>`; scripts/docs makes each a
/// man page, crm-<topic>(7). argument-parser's own `help` subcommand only knows commands,
/// so `Main` answers these before parsing.
enum HelpTopic: String, CaseIterable {
  case filters

  /// The guide: paragraphs wrapped for an 80-column terminal, UPPER CASE headings,
  /// examples indented by two spaces.
  var text: String {
    switch self {
    case .filters: return Self.filtersText
    }
  }

  /// The topic `arguments` ask for, when they are `help <topic>`.
  static func requested(by arguments: [String]) -> HelpTopic? {
    guard arguments.count == 2, arguments[0] == "help" else { return nil }
    return HelpTopic(rawValue: arguments[1])
  }

  private static let filtersText = """
    FILTERS

    Every list (crm contact list, crm company list, crm deal list, crm task list,
    crm activity list), every report and crm pipeline take filter terms after the
    command. A record is shown, or counted, when it passes all of them.

      crm contact list tag:vip 'score>=40' -has:phone
      crm deal list stage:proposal,negotiation 'value>10000'
      crm task list 'due<today' priority:high

    Quote a term that contains <, >, ~, ( or ) so that the shell leaves it alone.

    TERMS

    A term is a field name, an operator and a value, without spaces:

      field:value     equal to the value (field=value is the same)
      field:a,b,c     equal to any of the values
      field!=a,b      equal to none of the values
      field>value     greater than; also >=, < and <=
      field~text      contains the text
      has:field       the field is set and not empty

    Text compares without regard to case or accents: name~jurgen finds Jürgen
    Müller, and name:'jane doe' finds Jane Doe. A list field (emails, phones,
    tags, contacts) passes when any of its items does, so tag:vip finds every
    record tagged vip, whatever its other tags.

    COMBINING TERMS

    Terms next to each other must all pass. "or" between terms passes a record
    when either side does, "not" or a leading "-" turns the next term around, and
    parentheses group terms. "and" may be written between terms; it binds tighter
    than "or", so a b or c means (a and b) or c. A parenthesis is a word of its
    own or stands at the start or end of a term, and needs quotes in the shell.

      tag:vip or 'score>50'
      not tag:cold          the same as -tag:cold
      '(' tag:vip or 'score>50' ')' status:customer
      '(tag:vip' or 'score>50)' status:customer

    FIELDS

    Field names are the keys of the record's file, the ones you added included
    (day_rate>500). Besides those:

      id               the record's id (its file name without .md)
      type             contact, company, deal, task, activity or ticket
      notes            the Markdown text below the front matter
      email, phone     the same as emails, phones
      tag              the same as tags
      contact          the same as contacts (deals and activities)
      close            the same as expected_close (deals)
      last_contacted   a contact's newest activity that is not a note
      activity_count   how many activities name a contact
      sla              a ticket's SLA: breached, running, paused or met
      sla_due          when a ticket's SLA next falls due (sla:due<4h: within 4
                       hours from now, or overdue; also <=30m, >2d)

    last_contacted and activity_count are worked out from the activities on each
    run, and a ticket's sla, sla_due, response_due, resolution_due, response_sla and
    resolution_sla from the ticket and the config; they are not in the files. A
    field that is not one of the type's and that no record has is a usage error
    (exit 64) that lists the fields there are.

    VALUES

    Numbers compare as numbers: value>5000, probability>=50, score<40. A field
    with a fixed set of values takes only those: a contact's status (lead,
    prospect, customer, former), a task's status (open, done) and priority (high,
    normal, low), an activity's kind (call, email, meeting, note, chat, sms,
    social, form). A yes-or-no field takes true or false (unsubscribed:true). In
    fields you added, values compare as numbers when both sides are numbers, else
    as text.

    Dates take YYYY-MM-DD, today, tomorrow, yesterday, a weekday (monday or mon:
    the next one), +3d, -2w, +1m, -1y, in 3 days and 2 weeks ago; relative dates
    count from today. A year or a month after ':' matches any day in it. A time
    (created, updated, at) compares by its date, or exactly against a full
    timestamp such as 2026-11-22T14:30:00Z.

      'due<today'           overdue
      'updated>-30d'        changed in the last 30 days
      created:2026-11       created in November 2026
      'at>=2026-01-01'      on or after New Year's Day 2026
      'close<=+2w'          expected to close within two weeks, or overdue

    ERRORS

    A malformed term, an unknown field or a value of the wrong kind is a usage
    error: crm exits 64 and quotes the term.

      $ crm contact list 'score>high'
      crm: bad filter term 'score>high': 'high' is not a number

    EXAMPLES

      crm contact list status:customer 'last_contacted<-90d'
      crm contact list name~müller --format tsv
      crm deal list 'value>=10000' not stage:lost --sort -value
      crm activity list kind:call,meeting 'at>-7d'
      crm task list status:done 'done_at>=2026-10-01'
      crm pipeline owner:maria
      crm report win-rate 'tag:enterprise or value>50000'
    """
}
