#!/usr/bin/env bash
# The action's diff, run in the plan's folder on a pull request: `pan diff` against the
# base branch (fetched when the checkout lacks it), as Markdown into PAN_DIFF_FILE and the
# job summary. Never fails itself: it writes pan diff's exit status as the step's output
# `status` (0 nothing wrong, 1 a rewrite of the plan's history, 2 pan could not run).
# BASE_REF: the pull request's base branch; PAN_DIFF_ARGS: more options.
set -uo pipefail

out=${PAN_DIFF_FILE:?}
base=${BASE_REF:-}
if [ -z "$base" ]; then
    echo "not a pull request: no base branch to compare with"
    echo "status=" >>"$GITHUB_OUTPUT"
    exit 0
fi
if ! git rev-parse -q --verify "refs/remotes/origin/$base^{commit}" >/dev/null; then
    # pan diff reads the base's files, not its history: one commit is enough.
    git fetch --no-tags --depth=1 origin "+refs/heads/$base:refs/remotes/origin/$base" || true
fi
read -r -a args <<<"${PAN_DIFF_ARGS:-}"
status=0
rm -f "$out"
pan diff "origin/$base" --format markdown -o "$out" ${args[@]+"${args[@]}"} || status=$?
if [ -f "$out" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    cat "$out" >>"$GITHUB_STEP_SUMMARY"
fi
echo "status=$status" >>"$GITHUB_OUTPUT"
