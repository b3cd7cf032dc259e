/**
 * The Git ports on JGit. {@link io.driftless.engine.git.jgit.JGitMirror} wires the parts and hands
 * out the reader and the writer; each part has one job: the clones ({@code SourceClones}), names of
 * refs and paths ({@code RefNames}), calls to remotes with timeout and counters ({@code
 * GitRemote}), credentials and SSH sessions ({@code SourceCredentials}, {@code
 * SshSessionFactories}), fetch coalescing ({@code CoalescingFetcher}), tree and history reads
 * ({@code TreeReader}, {@code HistoryReader}), and the commits Driftless writes ({@code
 * TreeCommits}, {@code RestoreCommits}, {@code PromotionBuilder}, {@code PromotionPushes}, {@code
 * BranchPushes}).
 */
package io.driftless.engine.git.jgit;
