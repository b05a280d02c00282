#!/usr/bin/env bash
# The action's check, run in the plan's folder: `pan validate --format github` puts each
# problem on the pull request's files; the Markdown table goes to the job summary. Never
# fails itself: it writes pan's exit status as the step's output `status` (0 no problem
# that fails, 1 problems, 2 pan could not run) and the last step of the action decides.
# PAN_ARGS: more options, split on spaces (e.g. `--deny warnings`).
set -uo pipefail

read -r -a args <<<"${PAN_ARGS:-}"
status=0
pan validate --format github ${args[@]+"${args[@]}"} || status=$?
if [ "$status" -ne 2 ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    pan validate --format markdown ${args[@]+"${args[@]}"} >>"$GITHUB_STEP_SUMMARY" 2>/dev/null || true
fi
echo "status=$status" >>"$GITHUB_OUTPUT"
