function __crm_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __crm_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __crm_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __crm_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __crm_parse_tokens -S
    set -l unparsed_tokens (__crm_tokens -pc)
    switch $unparsed_tokens[1]
    case 'crm'
        __crm_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'init'
            __crm_parse_subcommand 1 'no-git' 'version' 'h/help'
        case 'contact'
            __crm_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'add'
                __crm_parse_subcommand 1 'email=+' 'phone=+' 'company=' 'create-company' 'title=' 'source=' 'status=' 'owner=' 'tag=+' 'set=+' 'm/message=' 'C/repo=' 'lock-timeout=' 'version' 'h/help'
            case 'list'
                __crm_parse_subcommand -r 1 'format=' 'fields=' 'sort=' 'limit=' 'C/repo=' 'lock-timeout=' 'version' 'h/help'
            case 'show'
                __crm_parse_subcommand 1 'format=' 'C/repo=' 'lock-timeout=' 'version' 'h/help'
            case 'edit'
                __crm_parse_subcommand 1 'name=' 'email=+' 'remove-email=+' 'phone=+' 'remove-phone=+' 'company=' 'create-company' 'title=' 'source=' 'status=' 'owner=' 'set=+' 'unset=+' 'add-tag=+' 'remove-tag=+' 'C/repo=' 'lock-timeout=' 'version' 'h/help'
            case 'rm'
                __crm_parse_subcommand 1 'y/yes' 'force' 'C/repo=' 'lock-timeout=' 'version' 'h/help'
            end
        case 'company'
            __crm_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'add'
                __crm_parse_subcommand 1 'domain=' 'industry=' 'size=' 'address=' 'owner=' 'tag=+' 'set=+' 'm/message=' 'C/repo=' 'lock-timeout=' 'version' 'h/help'
            case 'list'
                __crm_parse_subcommand -r 1 'format=' 'fields=' 'sort=' 'limit=' 'C/repo=' 'lock-timeout=' 'version' 'h/help'
            case 'show'
                __crm_parse_subcommand 1 'format=' 'C/repo=' 'lock-timeout=' 'version' 'h/help'
            case 'edit'
                __crm_parse_subcommand 1 'name=' 'domain=' 'industry=' 'size=' 'address=' 'owner=' 'set=+' 'unset=+' 'add-tag=+' 'remove-tag=+' 'C/repo=' 'lock-timeout=' 'version' 'h/help'
            case 'rm'
                __crm_parse_subcommand 1 'y/yes' 'force' 'C/repo=' 'lock-timeout=' 'version' 'h/help'
            end
        case 'find'
            __crm_parse_subcommand 1 'format=' 'limit=' 'C/repo=' 'lock-timeout=' 'version' 'h/help'
        case 'check'
            __crm_parse_subcommand 0 'format=' 'C/repo=' 'lock-timeout=' 'version' 'h/help'
        case 'help'
            __crm_parse_subcommand -r 1 'version'
        end
    end
end

function __crm_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __crm_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __crm_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __crm_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__crm_tokens -p)
    if test -z "$(__crm_tokens -t)"
        set -l index (count (__crm_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'crm' -f
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm" version' -l 'version' -d 'Show the version.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'crm' -n '__crm_should_offer_completions_for_positional "crm" -eq 1' -fa 'init' -d 'Make a new crm repo (or check an existing one is complete).'
complete -c 'crm' -n '__crm_should_offer_completions_for_positional "crm" -eq 1' -fa 'contact' -d 'Add, list, show, edit and remove contacts.'
complete -c 'crm' -n '__crm_should_offer_completions_for_positional "crm" -eq 1' -fa 'company' -d 'Add, list, show, edit and remove companies.'
complete -c 'crm' -n '__crm_should_offer_completions_for_positional "crm" -eq 1' -fa 'find' -d 'Find records of every type whose names, emails, fields or notes contain TEXT.'
complete -c 'crm' -n '__crm_should_offer_completions_for_positional "crm" -eq 1' -fa 'check' -d 'Validate every file and reference in the repo, like git fsck.'
complete -c 'crm' -n '__crm_should_offer_completions_for_positional "crm" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'crm' -n '__crm_should_offer_completions_for_positional "crm init" -eq 1' -fa '(__crm_complete_directories)'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm init" no-git' -l 'no-git' -d 'Do not run \'git init\'.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm init" version' -l 'version' -d 'Show the version.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact" version' -l 'version' -d 'Show the version.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'crm' -n '__crm_should_offer_completions_for_positional "crm contact" -eq 1' -fa 'add' -d 'Add a contact and print its new id.'
complete -c 'crm' -n '__crm_should_offer_completions_for_positional "crm contact" -eq 1' -fa 'list' -d 'List contacts, filtered, sorted and formatted.'
complete -c 'crm' -n '__crm_should_offer_completions_for_positional "crm contact" -eq 1' -fa 'show' -d 'Show one contact: its fields, notes and linked records.'
complete -c 'crm' -n '__crm_should_offer_completions_for_positional "crm contact" -eq 1' -fa 'edit' -d 'Change a contact\'s fields, or open it in your editor.'
complete -c 'crm' -n '__crm_should_offer_completions_for_positional "crm contact" -eq 1' -fa 'rm' -d 'Remove a contact\'s file.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact add"' -l 'email' -d 'An email address (repeatable).' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact add"' -l 'phone' -d 'A phone number, kept as written (repeatable).' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact add" company' -l 'company' -d 'Company: id, id prefix or exact name.' -rfka '(__crm_custom_completion ---completion contact add -- --company (count (__crm_tokens -pc)) (__crm_tokens -tC))'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact add" create-company' -l 'create-company' -d 'Create the --company if no company matches it.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact add" title' -l 'title' -d 'Job title.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact add" source' -l 'source' -d 'Where the contact came from, e.g. website, referral.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact add" status' -l 'status' -d 'lead, prospect, customer or former.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact add" owner' -l 'owner' -d 'Who looks after this contact.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact add"' -l 'tag' -d 'A tag (repeatable).' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact add"' -l 'set' -d 'Set any other field (repeatable).' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact add" m message' -s 'm' -l 'message' -d 'Notes: the Markdown body.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact add" C repo' -s 'C' -l 'repo' -d 'Use the repo at DIR (else $CRM_DIR, else the nearest parent with .crm/).' -rfa '(__crm_complete_directories)'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact add" lock-timeout' -l 'lock-timeout' -d 'Seconds to wait for the repo\'s write lock before giving up (exit 75).' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact add" version' -l 'version' -d 'Show the version.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact add" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact list" format' -l 'format' -d 'Output format: table (for people), json, ndjson, csv, tsv, yaml or ids.' -rfka 'table json ndjson csv tsv yaml ids'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact list" fields' -l 'fields' -d 'Comma-separated fields to show, e.g. name,emails,company.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact list" sort' -l 'sort' -d 'Sort by fields, \'-\' for descending: --sort=company,-updated.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact list" limit' -l 'limit' -d 'Show at most N records.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact list" C repo' -s 'C' -l 'repo' -d 'Use the repo at DIR (else $CRM_DIR, else the nearest parent with .crm/).' -rfa '(__crm_complete_directories)'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact list" lock-timeout' -l 'lock-timeout' -d 'Seconds to wait for the repo\'s write lock before giving up (exit 75).' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact list" version' -l 'version' -d 'Show the version.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'crm' -n '__crm_should_offer_completions_for_positional "crm contact show" -eq 1' -fka '(__crm_custom_completion ---completion contact show -- positional@0 (count (__crm_tokens -pc)) (__crm_tokens -tC))'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact show" format' -l 'format' -d 'Output format: table (for people), json, ndjson, yaml, csv, tsv or ids.' -rfka 'table json ndjson csv tsv yaml ids'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact show" C repo' -s 'C' -l 'repo' -d 'Use the repo at DIR (else $CRM_DIR, else the nearest parent with .crm/).' -rfa '(__crm_complete_directories)'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact show" lock-timeout' -l 'lock-timeout' -d 'Seconds to wait for the repo\'s write lock before giving up (exit 75).' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact show" version' -l 'version' -d 'Show the version.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'crm' -n '__crm_should_offer_completions_for_positional "crm contact edit" -eq 1' -fka '(__crm_custom_completion ---completion contact edit -- positional@0 (count (__crm_tokens -pc)) (__crm_tokens -tC))'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact edit" name' -l 'name' -d 'A new name (the id stays).' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact edit"' -l 'email' -d 'Add an email address (repeatable).' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact edit"' -l 'remove-email' -d 'Remove an email address (repeatable).' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact edit"' -l 'phone' -d 'Add a phone number (repeatable).' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact edit"' -l 'remove-phone' -d 'Remove a phone number (repeatable).' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact edit" company' -l 'company' -d 'Company: id, id prefix or exact name.' -rfka '(__crm_custom_completion ---completion contact edit -- --company (count (__crm_tokens -pc)) (__crm_tokens -tC))'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact edit" create-company' -l 'create-company' -d 'Create the --company if no company matches it.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact edit" title' -l 'title' -d 'Job title.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact edit" source' -l 'source' -d 'Where the contact came from, e.g. website, referral.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact edit" status' -l 'status' -d 'lead, prospect, customer or former.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact edit" owner' -l 'owner' -d 'Who looks after this contact.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact edit"' -l 'set' -d 'Set any field, custom ones too.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact edit"' -l 'unset' -d 'Remove a field.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact edit"' -l 'add-tag' -d 'Add a tag.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact edit"' -l 'remove-tag' -d 'Remove a tag.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact edit" C repo' -s 'C' -l 'repo' -d 'Use the repo at DIR (else $CRM_DIR, else the nearest parent with .crm/).' -rfa '(__crm_complete_directories)'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact edit" lock-timeout' -l 'lock-timeout' -d 'Seconds to wait for the repo\'s write lock before giving up (exit 75).' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact edit" version' -l 'version' -d 'Show the version.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact edit" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'crm' -n '__crm_should_offer_completions_for_positional "crm contact rm" -eq 1' -fka '(__crm_custom_completion ---completion contact rm -- positional@0 (count (__crm_tokens -pc)) (__crm_tokens -tC))'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact rm" y yes' -s 'y' -l 'yes' -d 'Do not ask for confirmation.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact rm" force' -l 'force' -d 'Remove it even though other records reference it (their references are left dangling).'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact rm" C repo' -s 'C' -l 'repo' -d 'Use the repo at DIR (else $CRM_DIR, else the nearest parent with .crm/).' -rfa '(__crm_complete_directories)'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact rm" lock-timeout' -l 'lock-timeout' -d 'Seconds to wait for the repo\'s write lock before giving up (exit 75).' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact rm" version' -l 'version' -d 'Show the version.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm contact rm" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company" version' -l 'version' -d 'Show the version.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'crm' -n '__crm_should_offer_completions_for_positional "crm company" -eq 1' -fa 'add' -d 'Add a company and print its new id.'
complete -c 'crm' -n '__crm_should_offer_completions_for_positional "crm company" -eq 1' -fa 'list' -d 'List companies, filtered, sorted and formatted.'
complete -c 'crm' -n '__crm_should_offer_completions_for_positional "crm company" -eq 1' -fa 'show' -d 'Show one company: its fields, notes and linked records.'
complete -c 'crm' -n '__crm_should_offer_completions_for_positional "crm company" -eq 1' -fa 'edit' -d 'Change a company\'s fields, or open it in your editor.'
complete -c 'crm' -n '__crm_should_offer_completions_for_positional "crm company" -eq 1' -fa 'rm' -d 'Remove a company\'s file.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company add" domain' -l 'domain' -d 'Web domain, e.g. acme.example.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company add" industry' -l 'industry' -d 'Industry, e.g. retail.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company add" size' -l 'size' -d 'Head count or band, e.g. 11-50.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company add" address' -l 'address' -d 'Postal address.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company add" owner' -l 'owner' -d 'Who looks after this company.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company add"' -l 'tag' -d 'A tag (repeatable).' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company add"' -l 'set' -d 'Set any other field (repeatable).' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company add" m message' -s 'm' -l 'message' -d 'Notes: the Markdown body.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company add" C repo' -s 'C' -l 'repo' -d 'Use the repo at DIR (else $CRM_DIR, else the nearest parent with .crm/).' -rfa '(__crm_complete_directories)'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company add" lock-timeout' -l 'lock-timeout' -d 'Seconds to wait for the repo\'s write lock before giving up (exit 75).' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company add" version' -l 'version' -d 'Show the version.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company add" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company list" format' -l 'format' -d 'Output format: table (for people), json, ndjson, csv, tsv, yaml or ids.' -rfka 'table json ndjson csv tsv yaml ids'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company list" fields' -l 'fields' -d 'Comma-separated fields to show, e.g. name,emails,company.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company list" sort' -l 'sort' -d 'Sort by fields, \'-\' for descending: --sort=company,-updated.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company list" limit' -l 'limit' -d 'Show at most N records.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company list" C repo' -s 'C' -l 'repo' -d 'Use the repo at DIR (else $CRM_DIR, else the nearest parent with .crm/).' -rfa '(__crm_complete_directories)'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company list" lock-timeout' -l 'lock-timeout' -d 'Seconds to wait for the repo\'s write lock before giving up (exit 75).' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company list" version' -l 'version' -d 'Show the version.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'crm' -n '__crm_should_offer_completions_for_positional "crm company show" -eq 1' -fka '(__crm_custom_completion ---completion company show -- positional@0 (count (__crm_tokens -pc)) (__crm_tokens -tC))'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company show" format' -l 'format' -d 'Output format: table (for people), json, ndjson, yaml, csv, tsv or ids.' -rfka 'table json ndjson csv tsv yaml ids'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company show" C repo' -s 'C' -l 'repo' -d 'Use the repo at DIR (else $CRM_DIR, else the nearest parent with .crm/).' -rfa '(__crm_complete_directories)'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company show" lock-timeout' -l 'lock-timeout' -d 'Seconds to wait for the repo\'s write lock before giving up (exit 75).' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company show" version' -l 'version' -d 'Show the version.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'crm' -n '__crm_should_offer_completions_for_positional "crm company edit" -eq 1' -fka '(__crm_custom_completion ---completion company edit -- positional@0 (count (__crm_tokens -pc)) (__crm_tokens -tC))'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company edit" name' -l 'name' -d 'A new name (the id stays).' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company edit" domain' -l 'domain' -d 'Web domain, e.g. acme.example.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company edit" industry' -l 'industry' -d 'Industry, e.g. retail.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company edit" size' -l 'size' -d 'Head count or band, e.g. 11-50.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company edit" address' -l 'address' -d 'Postal address.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company edit" owner' -l 'owner' -d 'Who looks after this company.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company edit"' -l 'set' -d 'Set any field, custom ones too.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company edit"' -l 'unset' -d 'Remove a field.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company edit"' -l 'add-tag' -d 'Add a tag.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company edit"' -l 'remove-tag' -d 'Remove a tag.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company edit" C repo' -s 'C' -l 'repo' -d 'Use the repo at DIR (else $CRM_DIR, else the nearest parent with .crm/).' -rfa '(__crm_complete_directories)'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company edit" lock-timeout' -l 'lock-timeout' -d 'Seconds to wait for the repo\'s write lock before giving up (exit 75).' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company edit" version' -l 'version' -d 'Show the version.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company edit" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'crm' -n '__crm_should_offer_completions_for_positional "crm company rm" -eq 1' -fka '(__crm_custom_completion ---completion company rm -- positional@0 (count (__crm_tokens -pc)) (__crm_tokens -tC))'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company rm" y yes' -s 'y' -l 'yes' -d 'Do not ask for confirmation.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company rm" force' -l 'force' -d 'Remove it even though other records reference it (their references are left dangling).'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company rm" C repo' -s 'C' -l 'repo' -d 'Use the repo at DIR (else $CRM_DIR, else the nearest parent with .crm/).' -rfa '(__crm_complete_directories)'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company rm" lock-timeout' -l 'lock-timeout' -d 'Seconds to wait for the repo\'s write lock before giving up (exit 75).' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company rm" version' -l 'version' -d 'Show the version.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm company rm" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm find" format' -l 'format' -d 'Output format: table, json, ndjson, csv, tsv, yaml or ids.' -rfka 'table json ndjson csv tsv yaml ids'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm find" limit' -l 'limit' -d 'Show at most N matches.' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm find" C repo' -s 'C' -l 'repo' -d 'Use the repo at DIR (else $CRM_DIR, else the nearest parent with .crm/).' -rfa '(__crm_complete_directories)'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm find" lock-timeout' -l 'lock-timeout' -d 'Seconds to wait for the repo\'s write lock before giving up (exit 75).' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm find" version' -l 'version' -d 'Show the version.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm find" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm check" format' -l 'format' -d 'Output format: table (problem lines) or json.' -rfka 'table json ndjson csv tsv yaml ids'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm check" C repo' -s 'C' -l 'repo' -d 'Use the repo at DIR (else $CRM_DIR, else the nearest parent with .crm/).' -rfa '(__crm_complete_directories)'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm check" lock-timeout' -l 'lock-timeout' -d 'Seconds to wait for the repo\'s write lock before giving up (exit 75).' -rfka ''
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm check" version' -l 'version' -d 'Show the version.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'crm' -n '__crm_should_offer_completions_for_flags_or_options "crm help" version' -l 'version' -d 'Show the version.'
