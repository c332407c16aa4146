package io.github.asr4j.loader.hub;

import java.util.regex.Pattern;

/**
 * A Hugging Face model repository and revision, written {@code org/name} or {@code org/name@revision}
 * (a branch, tag or commit; {@code main} when omitted).
 *
 * @param repo {@code org/name} (or a bare {@code name})
 * @param revision the branch, tag or commit hash
 */
public record HubRepoId(String repo, String revision) {
    /** The hub's own rule for repository ids (huggingface_hub's {@code validate_repo_id}). */
    private static final Pattern REPO = Pattern.compile("^(\\b[\\w\\-.]+\\b/)?\\b[\\w\\-.]+\\b$");
    private static final Pattern COMMIT = Pattern.compile("^[0-9a-f]{40}$");
    private static final int MAX_REPO_LENGTH = 96;
    private static final int MAX_REVISION_LENGTH = 256;
    /** The revision used when none is given. */
    public static final String DEFAULT_REVISION = "main";

    /**
     * Checks both names, so that neither can leave the cache folder or the hub's URL space.
     *
     * @throws IllegalArgumentException when {@code repo} or {@code revision} is not a valid hub name
     */
    public HubRepoId {
        if (!isRepoName(repo)) {
            throw new IllegalArgumentException("not a Hugging Face repository id: '" + repo
                    + "' (expected org/name: letters, digits, '-', '_', '.', at most " + MAX_REPO_LENGTH
                    + " characters, no '--' or '..')");
        }
        if (revision == null || revision.isEmpty() || revision.length() > MAX_REVISION_LENGTH
                || revision.startsWith("/") || revision.endsWith("/") || revision.contains("\\")
                || revision.chars().anyMatch(c -> c < 0x20)
                || java.util.Arrays.stream(revision.split("/")).anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))) {
            throw new IllegalArgumentException("not a valid revision for " + repo + ": '" + revision + "'");
        }
    }

    /** Parses {@code org/name} or {@code org/name@revision}. */
    public static HubRepoId parse(String id) {
        int at = id.indexOf('@');
        return at < 0 ? new HubRepoId(id, DEFAULT_REVISION) : new HubRepoId(id.substring(0, at), id.substring(at + 1));
    }

    /** Whether {@code text} reads as a hub id ({@code org/name[@revision]}) rather than anything else. */
    public static boolean looksLikeId(String text) {
        int at = text.indexOf('@');
        return isRepoName(at < 0 ? text : text.substring(0, at)) && text.indexOf('/') > 0;
    }

    private static boolean isRepoName(String repo) {
        return repo != null && repo.length() <= MAX_REPO_LENGTH && REPO.matcher(repo).matches()
                && !repo.contains("--") && !repo.contains("..");
    }

    /** Whether the revision is a full commit hash (then the cache answers without asking the hub). */
    public boolean isCommit() {
        return isCommit(revision);
    }

    static boolean isCommit(String revision) {
        return COMMIT.matcher(revision).matches();
    }

    /** The same repository at another revision. */
    public HubRepoId at(String otherRevision) {
        return new HubRepoId(repo, otherRevision);
    }

    /** The cache folder name, as huggingface_hub names it: {@code models--org--name}. */
    public String cacheFolderName() {
        return "models--" + repo.replace("/", "--");
    }

    @Override
    public String toString() {
        return repo + "@" + revision;
    }
}
