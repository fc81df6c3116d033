/// The shell functions behind `pier completion SHELL`. Each asks `pier __complete` for the candidates of the word
/// being typed (cobra's protocol: candidates, then `:directive`), so commands, flags, services, profiles and
/// projects come from Pier itself and from the project in the current directory.
enum CompletionScripts {
    static func script(for shell: String, command: String = "pier") -> String? {
        switch shell {
        case "bash": bash(command)
        case "zsh": zsh(command)
        case "fish": fish(command)
        default: nil
        }
    }

    static func bash(_ command: String) -> String {
        """
        # bash completion for \(command) (pier completion bash)
        _\(command)_complete() {
            # The words up to the cursor, split on spaces only: `web=2` and `web:/path` stay one word.
            local line="${COMP_LINE:0:COMP_POINT}"
            local -a words
            read -ra words <<< "$line"
            [[ "$line" == *" " ]] && words+=("")
            local cur="${words[-1]}"
            local IFS=$'\\n'
            local -a lines
            lines=($(\(command) __complete "${words[@]:1}" 2>/dev/null))
            (( ${#lines[@]} )) || return 0
            local directive="${lines[-1]#:}"
            unset 'lines[-1]'
            local -a candidates
            local entry
            for entry in "${lines[@]}"; do candidates+=("${entry%%$'\\t'*}"); done
            COMPREPLY=()
            if (( directive & 8 )); then
                for entry in "${candidates[@]}"; do COMPREPLY+=($(compgen -f -X "!*.$entry" -- "$cur")); done
                COMPREPLY+=($(compgen -d -- "$cur"))
            elif (( directive & 16 )); then
                COMPREPLY=($(compgen -d -- "$cur"))
            elif (( ${#candidates[@]} == 0 )) && (( ! (directive & 4) )); then
                COMPREPLY=($(compgen -f -- "$cur"))
            else
                COMPREPLY=("${candidates[@]}")
            fi
            # Bash already took what comes before a `:` or `=` in the word as typed.
            if [[ "$cur" == *[:=]* ]]; then
                local typed="${cur%"${cur##*[:=]}"}"
                COMPREPLY=("${COMPREPLY[@]#"$typed"}")
            fi
            (( directive & 2 )) && compopt -o nospace 2>/dev/null
            return 0
        }
        complete -o filenames -F _\(command)_complete \(command)

        """
    }

    static func zsh(_ command: String) -> String {
        """
        #compdef \(command)
        # zsh completion for \(command) (pier completion zsh)
        _\(command)() {
            local -a lines candidates
            lines=("${(@f)$(\(command) __complete "${(@)words[2,$CURRENT]}" 2>/dev/null)}")
            local directive=${lines[-1]#:}
            candidates=("${(@)lines[1,-2]}")
            if (( directive & 8 )); then
                local extension pattern=""
                for extension in "${(@)candidates}"; do pattern+="*.$extension|"; done
                _files -g "(${pattern%|})"
            elif (( directive & 16 )); then
                _files -/
            elif (( ${#candidates} == 0 )) && (( ! (directive & 4) )); then
                _files
            else
                local -a described
                local line
                for line in "${(@)candidates}"; do
                    if [[ "$line" == *$'\\t'* ]]; then
                        described+=("${${line%%$'\\t'*}//:/\\\\:}:${line#*$'\\t'}")
                    else
                        described+=("${line//:/\\\\:}")
                    fi
                done
                if (( directive & 2 )); then
                    _describe -t values 'values' described -S ''
                else
                    _describe -t values 'values' described
                fi
            fi
        }
        compdef _\(command) \(command)

        """
    }

    static func fish(_ command: String) -> String {
        """
        # fish completion for \(command) (pier completion fish)
        function __\(command)_complete
            set -l tokens (commandline -opc)
            set -l lines (\(command) __complete $tokens[2..-1] (commandline -ct) 2>/dev/null)
            set -l directive (string replace ':' '' -- $lines[-1])
            set -e lines[-1]
            if test (math "bitand($directive, 8)") -ne 0
                for extension in $lines
                    __fish_complete_suffix (commandline -ct) .$extension
                end
            else if test (math "bitand($directive, 16)") -ne 0
                __fish_complete_directories (commandline -ct)
            else if test (count $lines) -eq 0; and test (math "bitand($directive, 4)") -eq 0
                __fish_complete_path (commandline -ct)
            else
                printf '%s\\n' $lines
            end
        end
        complete -c \(command) -f -a '(__\(command)_complete)'

        """
    }
}
