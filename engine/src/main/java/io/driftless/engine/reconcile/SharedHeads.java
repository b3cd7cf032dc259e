package io.driftless.engine.reconcile;

import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.git.GitAccessException;
import io.driftless.engine.git.GitReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Step: the head of a source's ref as the scheduled checks of its environments share it. A
 * scheduled check takes the head from the last time any run asked the remote for that ref of that
 * source (same URL), when that was less than {@code shareFor} ago (the environment's interval) and
 * after the environment's own last check, and otherwise asks the remote itself and leaves its
 * answer for the others; checks that arrive while one asks wait for that answer (and ask themselves
 * if it failed). So the environments of one source on one interval cost one remote check per
 * interval between them, however many they are. A run for any other trigger (webhook, API,
 * rollback, retry) asks the remote at once and leaves its fresher answer for the next checks.
 *
 * <p>The price is latency without a webhook: a commit pushed just after the shared check is seen by
 * a scheduled check within the next interval (the first check after the answer expires asks again),
 * so at most two intervals after the push, instead of one.
 */
final class SharedHeads {
  private record Key(SourceName source, String url, String ref) {}

  /** A head and when its remote check began: the answer is at least as fresh as that. */
  private record Answer(Revision head, Instant asked) {}

  private final GitReader git;
  private final Clock clock;
  private final ConcurrentMap<Key, Answer> answers = new ConcurrentHashMap<>();
  private final ConcurrentMap<Key, CompletableFuture<Answer>> asking = new ConcurrentHashMap<>();
  private volatile Duration longest;
  private volatile Instant swept;

  SharedHeads(GitReader git, Clock clock) {
    this.git = git;
    this.clock = clock;
  }

  /**
   * The head of {@code ref}, fetched into the source's clone.
   *
   * @param shareFor how old an answer a scheduled check may take; null to ask the remote now
   * @param notBefore the environment's last check, which an answer taken must be newer than (two
   *     checks of one environment never see the same answer); null when it was never checked
   */
  Revision head(Source source, String ref, Duration shareFor, Instant notBefore) {
    Key key = new Key(source.name(), source.url(), ref);
    if (shareFor == null) {
      return ask(key, source, ref).head();
    }
    longest = longest == null || shareFor.compareTo(longest) > 0 ? shareFor : longest;
    Answer known = fresh(key, shareFor, notBefore);
    if (known != null) {
      return known.head();
    }
    CompletableFuture<Answer> mine = new CompletableFuture<>();
    CompletableFuture<Answer> running = asking.putIfAbsent(key, mine);
    if (running != null) {
      Answer shared = await(source, running);
      // A failure is not shared: this check asks for itself, and fails at its own timeout.
      return shared != null ? shared.head() : ask(key, source, ref).head();
    }
    try {
      // Checked again now that this check owns the question: one may have finished in between.
      Answer answer = fresh(key, shareFor, notBefore);
      answer = answer != null ? answer : ask(key, source, ref);
      mine.complete(answer);
      return answer.head();
    } catch (Throwable e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      // Never left incomplete, whatever ended this check: the waiters would wait for nothing.
      mine.completeExceptionally(new IllegalStateException("the remote check did not end"));
      asking.remove(key, mine);
    }
  }

  /** How many answers are kept. */
  int answersKept() {
    return answers.size();
  }

  private Answer fresh(Key key, Duration shareFor, Instant notBefore) {
    Answer known = answers.get(key);
    return known != null
            && clock.instant().isBefore(known.asked().plus(shareFor))
            && (notBefore == null || known.asked().isAfter(notBefore))
        ? known
        : null;
  }

  private Answer ask(Key key, Source source, String ref) {
    Instant asked = clock.instant();
    Answer answer = new Answer(git.update(source, ref), asked);
    // Keep the fresher of two answers that raced.
    answers.merge(key, answer, (old, now) -> now.asked().isBefore(old.asked()) ? old : now);
    forgetStale(asked);
    return answer;
  }

  /**
   * Drops the answers older than twice the longest interval a check shared them for, which no check
   * takes any more (those of sources or refs no longer used), at most once per that interval.
   */
  private void forgetStale(Instant now) {
    Duration kept = longest;
    Instant last = swept;
    if (kept == null || (last != null && now.isBefore(last.plus(kept)))) {
      return;
    }
    swept = now;
    Instant oldest = now.minus(kept.multipliedBy(2));
    answers.values().removeIf(answer -> answer.asked().isBefore(oldest));
  }

  /** The answer of the check that was asking; null when it failed. */
  private Answer await(Source source, CompletableFuture<Answer> running) {
    Duration wait = git.remoteTimeout().multipliedBy(2);
    try {
      return running.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return null;
    } catch (TimeoutException e) {
      throw GitAccessException.whileWaiting(
          source,
          GitAccessException.Reason.TIMEOUT,
          "waited %s for another remote check".formatted(wait),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw GitAccessException.whileWaiting(
          source,
          GitAccessException.Reason.OTHER,
          "interrupted while waiting for a remote check",
          e);
    }
  }
}
