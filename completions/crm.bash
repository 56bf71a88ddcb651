#!/bin/bash

__crm_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__crm_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__crm_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__crm_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_crm() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--no-cache --no-color --version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=(-C --repo --lock-timeout --color)
    __crm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    init|contact|company|deal|task|ticket|lead|automate|trust|log|activity|timeline|pipeline|agenda|report|find|check|help)
        # Offer subcommand argument completions
        "_crm_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'init contact company deal task ticket lead automate trust log activity timeline pipeline agenda report find check help' -- "${cur}"))
        ;;
    esac
}

_crm_init() {
    repeating_flags=()
    non_repeating_flags=(--no-git --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -d
        return
        ;;
    esac
}

_crm_contact() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --repo --lock-timeout --color)
    __crm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|list|show|edit|rm)
        # Offer subcommand argument completions
        "_crm_contact_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add list show edit rm' -- "${cur}"))
        ;;
    esac
}

_crm_contact_add() {
    repeating_flags=()
    non_repeating_flags=(--create-company --no-cache --no-color --version -h --help)
    repeating_options=(--email --phone --tag --set)
    non_repeating_options=(--company --title --source --status --owner -m --message -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--email')
        return
        ;;
    '--phone')
        return
        ;;
    '--company')
        __crm_add_completions -W "$(__crm_custom_complete ---completion contact add -- --company "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--title')
        return
        ;;
    '--source')
        return
        ;;
    '--status')
        return
        ;;
    '--owner')
        return
        ;;
    '--tag')
        return
        ;;
    '--set')
        return
        ;;
    '-m'|'--message')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_contact_list() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--format --fields --sort --limit -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--sort')
        return
        ;;
    '--limit')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_contact_show() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--format -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion contact show -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_contact_edit() {
    repeating_flags=()
    non_repeating_flags=(--create-company --force --no-cache --no-color --version -h --help)
    repeating_options=(--email --remove-email --phone --remove-phone --set --unset --add-tag --tag --remove-tag)
    non_repeating_options=(--name --company --title --source --status --owner -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--name')
        return
        ;;
    '--email')
        return
        ;;
    '--remove-email')
        return
        ;;
    '--phone')
        return
        ;;
    '--remove-phone')
        return
        ;;
    '--company')
        __crm_add_completions -W "$(__crm_custom_complete ---completion contact edit -- --company "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--title')
        return
        ;;
    '--source')
        return
        ;;
    '--status')
        return
        ;;
    '--owner')
        return
        ;;
    '--set')
        return
        ;;
    '--unset')
        return
        ;;
    '--add-tag'|'--tag')
        return
        ;;
    '--remove-tag')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion contact edit -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_contact_rm() {
    repeating_flags=()
    non_repeating_flags=(-y --yes --force --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion contact rm -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_company() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --repo --lock-timeout --color)
    __crm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|list|show|edit|rm)
        # Offer subcommand argument completions
        "_crm_company_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add list show edit rm' -- "${cur}"))
        ;;
    esac
}

_crm_company_add() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=(--tag --set)
    non_repeating_options=(--domain --industry --size --address --owner -m --message -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--domain')
        return
        ;;
    '--industry')
        return
        ;;
    '--size')
        return
        ;;
    '--address')
        return
        ;;
    '--owner')
        return
        ;;
    '--tag')
        return
        ;;
    '--set')
        return
        ;;
    '-m'|'--message')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_company_list() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--format --fields --sort --limit -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--sort')
        return
        ;;
    '--limit')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_company_show() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--format -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion company show -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_company_edit() {
    repeating_flags=()
    non_repeating_flags=(--force --no-cache --no-color --version -h --help)
    repeating_options=(--set --unset --add-tag --tag --remove-tag)
    non_repeating_options=(--name --domain --industry --size --address --owner -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--name')
        return
        ;;
    '--domain')
        return
        ;;
    '--industry')
        return
        ;;
    '--size')
        return
        ;;
    '--address')
        return
        ;;
    '--owner')
        return
        ;;
    '--set')
        return
        ;;
    '--unset')
        return
        ;;
    '--add-tag'|'--tag')
        return
        ;;
    '--remove-tag')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion company edit -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_company_rm() {
    repeating_flags=()
    non_repeating_flags=(-y --yes --force --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion company rm -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_deal() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --repo --lock-timeout --color)
    __crm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|list|show|edit|move|won|lost|rm)
        # Offer subcommand argument completions
        "_crm_deal_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add list show edit move won lost rm' -- "${cur}"))
        ;;
    esac
}

_crm_deal_add() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=(--contact --tag --set)
    non_repeating_options=(--company --value --currency --probability --close --source --owner --stage -m --message -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--company')
        __crm_add_completions -W "$(__crm_custom_complete ---completion deal add -- --company "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--contact')
        __crm_add_completions -W "$(__crm_custom_complete ---completion deal add -- --contact "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--value')
        return
        ;;
    '--currency')
        return
        ;;
    '--probability')
        return
        ;;
    '--close')
        return
        ;;
    '--source')
        return
        ;;
    '--owner')
        return
        ;;
    '--stage')
        __crm_add_completions -W "$(__crm_custom_complete ---completion deal add -- --stage "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--tag')
        return
        ;;
    '--set')
        return
        ;;
    '-m'|'--message')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_deal_list() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--format --fields --sort --limit -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--sort')
        return
        ;;
    '--limit')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_deal_show() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--format -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion deal show -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_deal_edit() {
    repeating_flags=()
    non_repeating_flags=(--force --no-cache --no-color --version -h --help)
    repeating_options=(--contact --remove-contact --set --unset --add-tag --tag --remove-tag)
    non_repeating_options=(--title --company --value --currency --probability --close --source --owner --stage -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--title')
        return
        ;;
    '--company')
        __crm_add_completions -W "$(__crm_custom_complete ---completion deal edit -- --company "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--contact')
        __crm_add_completions -W "$(__crm_custom_complete ---completion deal edit -- --contact "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--value')
        return
        ;;
    '--currency')
        return
        ;;
    '--probability')
        return
        ;;
    '--close')
        return
        ;;
    '--source')
        return
        ;;
    '--owner')
        return
        ;;
    '--stage')
        __crm_add_completions -W "$(__crm_custom_complete ---completion deal edit -- --stage "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--remove-contact')
        __crm_add_completions -W "$(__crm_custom_complete ---completion deal edit -- --remove-contact "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--set')
        return
        ;;
    '--unset')
        return
        ;;
    '--add-tag'|'--tag')
        return
        ;;
    '--remove-tag')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion deal edit -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_deal_move() {
    repeating_flags=()
    non_repeating_flags=(--force --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--at -m --message -C --repo --lock-timeout --color)
    __crm_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--at')
        return
        ;;
    '-m'|'--message')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion deal move -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    2)
        __crm_add_completions -W "$(__crm_custom_complete ---completion deal move -- positional@1 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_deal_won() {
    repeating_flags=()
    non_repeating_flags=(--force --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--at -m --message -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--at')
        return
        ;;
    '-m'|'--message')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion deal won -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_deal_lost() {
    repeating_flags=()
    non_repeating_flags=(--force --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--reason --at -m --message -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--reason')
        return
        ;;
    '--at')
        return
        ;;
    '-m'|'--message')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion deal lost -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_deal_rm() {
    repeating_flags=()
    non_repeating_flags=(-y --yes --force --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion deal rm -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_task() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --repo --lock-timeout --color)
    __crm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|list|show|done|edit|rm)
        # Offer subcommand argument completions
        "_crm_task_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add list show done edit rm' -- "${cur}"))
        ;;
    esac
}

_crm_task_add() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=(--tag --set)
    non_repeating_options=(--due --contact --deal --priority -m --message -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--due')
        return
        ;;
    '--contact')
        __crm_add_completions -W "$(__crm_custom_complete ---completion task add -- --contact "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--deal')
        __crm_add_completions -W "$(__crm_custom_complete ---completion task add -- --deal "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--priority')
        return
        ;;
    '--tag')
        return
        ;;
    '--set')
        return
        ;;
    '-m'|'--message')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_task_list() {
    repeating_flags=()
    non_repeating_flags=(--all --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--format --fields --sort --limit -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--sort')
        return
        ;;
    '--limit')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_task_show() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--format -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion task show -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_task_done() {
    repeating_flags=()
    non_repeating_flags=(--force --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--at -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--at')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion task done -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_task_edit() {
    repeating_flags=()
    non_repeating_flags=(--force --no-cache --no-color --version -h --help)
    repeating_options=(--set --unset --add-tag --tag --remove-tag)
    non_repeating_options=(--title --due --contact --deal --priority -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--title')
        return
        ;;
    '--due')
        return
        ;;
    '--contact')
        __crm_add_completions -W "$(__crm_custom_complete ---completion task edit -- --contact "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--deal')
        __crm_add_completions -W "$(__crm_custom_complete ---completion task edit -- --deal "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--priority')
        return
        ;;
    '--set')
        return
        ;;
    '--unset')
        return
        ;;
    '--add-tag'|'--tag')
        return
        ;;
    '--remove-tag')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion task edit -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_task_rm() {
    repeating_flags=()
    non_repeating_flags=(-y --yes --force --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion task rm -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_ticket() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --repo --lock-timeout --color)
    __crm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    open|list|show|edit|reply|pending|resolve|close|reopen|rm)
        # Offer subcommand argument completions
        "_crm_ticket_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'open list show edit reply pending resolve close reopen rm' -- "${cur}"))
        ;;
    esac
}

_crm_ticket_open() {
    repeating_flags=()
    non_repeating_flags=(--create-contact --no-cache --no-color --version -h --help)
    repeating_options=(--tag --set)
    non_repeating_options=(--contact --company --deal --priority --channel --at --eml -m --message -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--contact')
        __crm_add_completions -W "$(__crm_custom_complete ---completion ticket open -- --contact "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--company')
        __crm_add_completions -W "$(__crm_custom_complete ---completion ticket open -- --company "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--deal')
        __crm_add_completions -W "$(__crm_custom_complete ---completion ticket open -- --deal "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--priority')
        return
        ;;
    '--channel')
        return
        ;;
    '--at')
        return
        ;;
    '--eml')
        return
        ;;
    '--tag')
        return
        ;;
    '--set')
        return
        ;;
    '-m'|'--message')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_ticket_list() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--format --fields --sort --limit -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--sort')
        return
        ;;
    '--limit')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_ticket_show() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--format -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion ticket show -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_ticket_edit() {
    repeating_flags=()
    non_repeating_flags=(--force --no-cache --no-color --version -h --help)
    repeating_options=(--set --unset --add-tag --tag --remove-tag)
    non_repeating_options=(--title --contact --company --deal --priority --channel --status -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--title')
        return
        ;;
    '--contact')
        __crm_add_completions -W "$(__crm_custom_complete ---completion ticket edit -- --contact "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--company')
        __crm_add_completions -W "$(__crm_custom_complete ---completion ticket edit -- --company "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--deal')
        __crm_add_completions -W "$(__crm_custom_complete ---completion ticket edit -- --deal "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--priority')
        return
        ;;
    '--channel')
        return
        ;;
    '--status')
        return
        ;;
    '--set')
        return
        ;;
    '--unset')
        return
        ;;
    '--add-tag'|'--tag')
        return
        ;;
    '--remove-tag')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion ticket edit -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_ticket_reply() {
    repeating_flags=()
    non_repeating_flags=(--internal --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-m --message --at -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-m'|'--message')
        return
        ;;
    '--at')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion ticket reply -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_ticket_pending() {
    repeating_flags=()
    non_repeating_flags=(--force --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--at -m --message -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--at')
        return
        ;;
    '-m'|'--message')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion ticket pending -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_ticket_resolve() {
    repeating_flags=()
    non_repeating_flags=(--force --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--at -m --message -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--at')
        return
        ;;
    '-m'|'--message')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion ticket resolve -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_ticket_close() {
    repeating_flags=()
    non_repeating_flags=(--force --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--satisfaction --comment --at -m --message -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--satisfaction')
        return
        ;;
    '--comment')
        return
        ;;
    '--at')
        return
        ;;
    '-m'|'--message')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion ticket close -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_ticket_reopen() {
    repeating_flags=()
    non_repeating_flags=(--force --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--at -m --message -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--at')
        return
        ;;
    '-m'|'--message')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion ticket reopen -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_ticket_rm() {
    repeating_flags=()
    non_repeating_flags=(-y --yes --force --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion ticket rm -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_lead() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --repo --lock-timeout --color)
    __crm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    capture|list|score|assign|convert)
        # Offer subcommand argument completions
        "_crm_lead_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'capture list score assign convert' -- "${cur}"))
        ;;
    esac
}

_crm_lead_capture() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --no-cache --no-color --version -h --help)
    repeating_options=(--map)
    non_repeating_options=(--form -C --repo --lock-timeout --color)
    __crm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--form')
        return
        ;;
    '--map')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_lead_list() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--format --fields --sort --limit -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--sort')
        return
        ;;
    '--limit')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_lead_score() {
    repeating_flags=()
    non_repeating_flags=(--explain --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __crm_add_completions -W "$(__crm_custom_complete ---completion lead score -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_lead_assign() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--to -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--to')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __crm_add_completions -W "$(__crm_custom_complete ---completion lead assign -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_lead_convert() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--status --deal --value --stage -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--status')
        return
        ;;
    '--deal')
        return
        ;;
    '--value')
        return
        ;;
    '--stage')
        __crm_add_completions -W "$(__crm_custom_complete ---completion lead convert -- --stage "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion lead convert -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_automate() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --repo --lock-timeout --color)
    __crm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    run|check|log)
        # Offer subcommand argument completions
        "_crm_automate_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'run check log' -- "${cur}"))
        ;;
    esac
}

_crm_automate_run() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --repo --lock-timeout --color)
    __crm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_automate_check() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --repo --lock-timeout --color)
    __crm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_automate_log() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--rule --limit --format -C --repo --lock-timeout --color)
    __crm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--rule')
        return
        ;;
    '--limit')
        return
        ;;
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_trust() {
    repeating_flags=()
    non_repeating_flags=(--revoke --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --repo --lock-timeout --color)
    __crm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_log() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --repo --lock-timeout --color)
    __crm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    call|email|meeting|note|chat|sms|social)
        # Offer subcommand argument completions
        "_crm_log_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'call email meeting note chat sms social' -- "${cur}"))
        ;;
    esac
}

_crm_log_call() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-m --message --message-file --at --deal --company --direction --duration --outcome --channel --follow-up --follow-up-title -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-m'|'--message')
        return
        ;;
    '--message-file')
        return
        ;;
    '--at')
        return
        ;;
    '--deal')
        __crm_add_completions -W "$(__crm_custom_complete ---completion log call -- --deal "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--company')
        __crm_add_completions -W "$(__crm_custom_complete ---completion log call -- --company "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--direction')
        return
        ;;
    '--duration')
        return
        ;;
    '--outcome')
        return
        ;;
    '--channel')
        return
        ;;
    '--follow-up')
        return
        ;;
    '--follow-up-title')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __crm_add_completions -W "$(__crm_custom_complete ---completion log call -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_log_email() {
    repeating_flags=()
    non_repeating_flags=(--create-contact --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-m --message --message-file --at --deal --company --direction --duration --outcome --channel --follow-up --follow-up-title --eml --mbox --subject -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-m'|'--message')
        return
        ;;
    '--message-file')
        return
        ;;
    '--at')
        return
        ;;
    '--deal')
        __crm_add_completions -W "$(__crm_custom_complete ---completion log email -- --deal "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--company')
        __crm_add_completions -W "$(__crm_custom_complete ---completion log email -- --company "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--direction')
        return
        ;;
    '--duration')
        return
        ;;
    '--outcome')
        return
        ;;
    '--channel')
        return
        ;;
    '--follow-up')
        return
        ;;
    '--follow-up-title')
        return
        ;;
    '--eml')
        return
        ;;
    '--mbox')
        return
        ;;
    '--subject')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __crm_add_completions -W "$(__crm_custom_complete ---completion log email -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_log_meeting() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-m --message --message-file --at --deal --company --direction --duration --outcome --channel --follow-up --follow-up-title -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-m'|'--message')
        return
        ;;
    '--message-file')
        return
        ;;
    '--at')
        return
        ;;
    '--deal')
        __crm_add_completions -W "$(__crm_custom_complete ---completion log meeting -- --deal "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--company')
        __crm_add_completions -W "$(__crm_custom_complete ---completion log meeting -- --company "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--direction')
        return
        ;;
    '--duration')
        return
        ;;
    '--outcome')
        return
        ;;
    '--channel')
        return
        ;;
    '--follow-up')
        return
        ;;
    '--follow-up-title')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __crm_add_completions -W "$(__crm_custom_complete ---completion log meeting -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_log_note() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-m --message --message-file --at --deal --company --direction --duration --outcome --channel --follow-up --follow-up-title -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-m'|'--message')
        return
        ;;
    '--message-file')
        return
        ;;
    '--at')
        return
        ;;
    '--deal')
        __crm_add_completions -W "$(__crm_custom_complete ---completion log note -- --deal "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--company')
        __crm_add_completions -W "$(__crm_custom_complete ---completion log note -- --company "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--direction')
        return
        ;;
    '--duration')
        return
        ;;
    '--outcome')
        return
        ;;
    '--channel')
        return
        ;;
    '--follow-up')
        return
        ;;
    '--follow-up-title')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __crm_add_completions -W "$(__crm_custom_complete ---completion log note -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_log_chat() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-m --message --message-file --at --deal --company --direction --duration --outcome --channel --follow-up --follow-up-title -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-m'|'--message')
        return
        ;;
    '--message-file')
        return
        ;;
    '--at')
        return
        ;;
    '--deal')
        __crm_add_completions -W "$(__crm_custom_complete ---completion log chat -- --deal "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--company')
        __crm_add_completions -W "$(__crm_custom_complete ---completion log chat -- --company "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--direction')
        return
        ;;
    '--duration')
        return
        ;;
    '--outcome')
        return
        ;;
    '--channel')
        return
        ;;
    '--follow-up')
        return
        ;;
    '--follow-up-title')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __crm_add_completions -W "$(__crm_custom_complete ---completion log chat -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_log_sms() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-m --message --message-file --at --deal --company --direction --duration --outcome --channel --follow-up --follow-up-title -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-m'|'--message')
        return
        ;;
    '--message-file')
        return
        ;;
    '--at')
        return
        ;;
    '--deal')
        __crm_add_completions -W "$(__crm_custom_complete ---completion log sms -- --deal "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--company')
        __crm_add_completions -W "$(__crm_custom_complete ---completion log sms -- --company "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--direction')
        return
        ;;
    '--duration')
        return
        ;;
    '--outcome')
        return
        ;;
    '--channel')
        return
        ;;
    '--follow-up')
        return
        ;;
    '--follow-up-title')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __crm_add_completions -W "$(__crm_custom_complete ---completion log sms -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_log_social() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-m --message --message-file --at --deal --company --direction --duration --outcome --channel --follow-up --follow-up-title -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-m'|'--message')
        return
        ;;
    '--message-file')
        return
        ;;
    '--at')
        return
        ;;
    '--deal')
        __crm_add_completions -W "$(__crm_custom_complete ---completion log social -- --deal "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--company')
        __crm_add_completions -W "$(__crm_custom_complete ---completion log social -- --company "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    '--direction')
        return
        ;;
    '--duration')
        return
        ;;
    '--outcome')
        return
        ;;
    '--channel')
        return
        ;;
    '--follow-up')
        return
        ;;
    '--follow-up-title')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __crm_add_completions -W "$(__crm_custom_complete ---completion log social -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_activity() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --repo --lock-timeout --color)
    __crm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show|edit|rm)
        # Offer subcommand argument completions
        "_crm_activity_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show edit rm' -- "${cur}"))
        ;;
    esac
}

_crm_activity_list() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--format --fields --sort --limit -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--sort')
        return
        ;;
    '--limit')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_activity_show() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--format -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion activity show -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_activity_edit() {
    repeating_flags=()
    non_repeating_flags=(--force --no-cache --no-color --version -h --help)
    repeating_options=(--set --unset --add-tag --tag --remove-tag)
    non_repeating_options=(-C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--set')
        return
        ;;
    '--unset')
        return
        ;;
    '--add-tag'|'--tag')
        return
        ;;
    '--remove-tag')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion activity edit -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_activity_rm() {
    repeating_flags=()
    non_repeating_flags=(-y --yes --force --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion activity rm -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_timeline() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--since --format -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--since')
        return
        ;;
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __crm_add_completions -W "$(__crm_custom_complete ---completion timeline -- positional@0 "${COMP_CWORD}" "$(__crm_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_crm_pipeline() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--format -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_agenda() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--days --format -C --repo --lock-timeout --color)
    __crm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--days')
        return
        ;;
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_report() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(-C --repo --lock-timeout --color)
    __crm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    pipeline|forecast|funnel|win-rate|activity|sources|stale|revenue|tickets|leads)
        # Offer subcommand argument completions
        "_crm_report_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'pipeline forecast funnel win-rate activity sources stale revenue tickets leads' -- "${cur}"))
        ;;
    esac
}

_crm_report_pipeline() {
    repeating_flags=()
    non_repeating_flags=(--chart --no-chart --skip-invalid --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--since --until --format -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_report_forecast() {
    repeating_flags=()
    non_repeating_flags=(--chart --no-chart --skip-invalid --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--by --periods --since --until --format -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--by')
        return
        ;;
    '--periods')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_report_funnel() {
    repeating_flags=()
    non_repeating_flags=(--chart --no-chart --skip-invalid --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--since --until --format -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_report_win-rate() {
    repeating_flags=()
    non_repeating_flags=(--chart --no-chart --skip-invalid --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--by --since --until --format -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--by')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_report_activity() {
    repeating_flags=()
    non_repeating_flags=(--chart --no-chart --skip-invalid --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--by --kind --since --until --format -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--by')
        return
        ;;
    '--kind')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_report_sources() {
    repeating_flags=()
    non_repeating_flags=(--chart --no-chart --skip-invalid --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--since --until --format -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_report_stale() {
    repeating_flags=()
    non_repeating_flags=(--chart --no-chart --skip-invalid --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--days --since --until --format -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--days')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_report_revenue() {
    repeating_flags=()
    non_repeating_flags=(--chart --no-chart --skip-invalid --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--by --since --until --format -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--by')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_report_tickets() {
    repeating_flags=()
    non_repeating_flags=(--chart --no-chart --skip-invalid --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--by --since --until --format -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--by')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_report_leads() {
    repeating_flags=()
    non_repeating_flags=(--chart --no-chart --skip-invalid --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--by --since --until --format -C --repo --lock-timeout --color)
    __crm_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--by')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_find() {
    repeating_flags=()
    non_repeating_flags=(--no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--format --limit -C --repo --lock-timeout --color)
    __crm_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '--limit')
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_check() {
    repeating_flags=()
    non_repeating_flags=(--fix --no-cache --no-color --version -h --help)
    repeating_options=()
    non_repeating_options=(--format -C --repo --lock-timeout --color)
    __crm_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--format')
        __crm_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''csv'$'\n''tsv'$'\n''yaml'$'\n''ids'
        return
        ;;
    '-C'|'--repo')
        __crm_add_completions -d
        return
        ;;
    '--lock-timeout')
        return
        ;;
    '--color')
        __crm_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_crm_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __crm_offer_flags_options -1
}

complete -o filenames -F _crm crm
