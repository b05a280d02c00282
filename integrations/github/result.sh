#!/usr/bin/env bash
# The action's verdict, from the statuses of the steps before: each status has its
# message, and the step fails on any but 0. VALIDATE_STATUS, DIFF_STATUS (empty: no diff).
set -uo pipefail

fail=0
case ${VALIDATE_STATUS:-} in
0) echo "pan validate: no problem fails the check" ;;
1)
    echo "::error title=pan validate::the plan has problems that fail the check: see the annotations on the files and the job summary"
    fail=1
    ;;
*)
    echo "::error title=pan validate::pan could not run (exit status ${VALIDATE_STATUS:-none}): see the log of the step \"pan validate\""
    fail=1
    ;;
esac
case ${DIFF_STATUS:-} in
'') ;;
0) echo "pan diff: no rewrite of the plan's history" ;;
1)
    echo "::error title=pan diff::the pull request rewrites the plan's history (a recorded reading or state edited or removed): see the comment; pass --allow-history-rewrite in diff-args only on purpose"
    fail=1
    ;;
*)
    echo "::error title=pan diff::pan diff could not run (exit status $DIFF_STATUS): see the log of the step \"pan diff\""
    fail=1
    ;;
esac
exit "$fail"
