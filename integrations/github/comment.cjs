// The action's pull-request comment: pan diff's Markdown as one comment, created on the
// first push and updated on every later one (found by its first line and its author, a
// bot). A token that may not comment (a pull request from a fork) is a warning, not a
// failure: the diff is in the job summary too.
module.exports = async ({ github, context, core }, file) => {
  const fs = require('fs');
  const marker = '<!-- pan-diff -->';
  const limit = 65000; // GitHub refuses a comment over 65,536 characters.
  if (!fs.existsSync(file)) {
    // pan diff could not run (its step says why): nothing to post, and no crash.
    core.warning(`pan diff wrote no comment (${file} is missing): see the step "pan diff"`);
    return 'none';
  }
  let text = fs.readFileSync(file, 'utf8');
  if (text.length > limit) {
    text = text.slice(0, limit) + '\n\n… (cut here: the whole diff is in the job summary)\n';
  }
  const body = `${marker}\n${text}`;
  const { owner, repo } = context.repo;
  const issue_number = context.issue.number;
  try {
    const comments = await github.paginate(github.rest.issues.listComments, {
      owner,
      repo,
      issue_number,
      per_page: 100,
    });
    const mine = comments.find(
      (c) => c.user && c.user.type === 'Bot' && (c.body || '').startsWith(marker),
    );
    if (mine) {
      await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
      return 'updated';
    }
    await github.rest.issues.createComment({ owner, repo, issue_number, body });
    return 'created';
  } catch (e) {
    core.warning(
      `pan diff: could not post the comment (${e.message}); a pull request from a fork has a read-only token. The diff is in the job summary.`,
    );
    return 'failed';
  }
};
