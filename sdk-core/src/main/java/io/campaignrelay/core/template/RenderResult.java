package io.campaignrelay.core.template;

import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.sms.SmsLength;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The outcome of filling a template for one recipient: the text and its {@link SmsLength} when
 * every tag was filled, or the list of problems when not. Also lists the tags filled from the
 * template's declared defaults. Immutable and thread-safe.
 */
public final class RenderResult {

  private final TemplateId templateId;
  private final String text;
  private final SmsLength length;
  private final List<RenderProblem> problems;
  private final List<String> defaultsUsed;

  private RenderResult(
      TemplateId templateId,
      String text,
      SmsLength length,
      List<RenderProblem> problems,
      List<String> defaultsUsed) {
    this.templateId = templateId;
    this.text = text;
    this.length = length;
    // nearly every render has neither: the shared empty list is kept as it is
    this.problems = problems.isEmpty() ? List.of() : List.copyOf(problems);
    this.defaultsUsed = defaultsUsed.isEmpty() ? List.of() : List.copyOf(defaultsUsed);
  }

  static RenderResult rendered(TemplateId templateId, String text, List<String> defaultsUsed) {
    return new RenderResult(templateId, text, SmsLength.of(text), List.of(), defaultsUsed);
  }

  /** A rendered text whose length the caller already measured (it equals {@code SmsLength.of}). */
  static RenderResult rendered(
      TemplateId templateId, String text, SmsLength length, List<String> defaultsUsed) {
    return new RenderResult(templateId, text, length, List.of(), defaultsUsed);
  }

  static RenderResult failed(
      TemplateId templateId, List<RenderProblem> problems, List<String> defaultsUsed) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a failed render needs at least one problem");
    }
    return new RenderResult(templateId, null, null, problems, defaultsUsed);
  }

  /**
   * The template that was rendered.
   *
   * @return its id
   */
  public TemplateId templateId() {
    return templateId;
  }

  /**
   * Whether every tag was filled.
   *
   * @return true if there is a text to send
   */
  public boolean isRendered() {
    return text != null;
  }

  /**
   * The rendered text.
   *
   * @return the text
   * @throws IllegalStateException if rendering failed; the message lists the problems
   */
  public String text() {
    requireRendered();
    return text;
  }

  /**
   * The rendered text's length (encoding, units, parts).
   *
   * @return the length
   * @throws IllegalStateException if rendering failed
   */
  public SmsLength length() {
    requireRendered();
    return length;
  }

  /**
   * Why rendering failed.
   *
   * @return the problems in body order; empty when rendered
   */
  public List<RenderProblem> problems() {
    return problems;
  }

  /**
   * The tags filled from the template's declared defaults.
   *
   * @return the tag names, in body order
   */
  public List<String> defaultsUsed() {
    return defaultsUsed;
  }

  /**
   * The problems as one line, for a log or a drop reason.
   *
   * @return the messages joined by {@code "; "}, empty when rendered
   */
  public String describeProblems() {
    return problems.stream().map(RenderProblem::message).collect(Collectors.joining("; "));
  }

  private void requireRendered() {
    if (text == null) {
      throw new IllegalStateException(
          "template " + templateId + " was not rendered: " + describeProblems());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RenderResult r
        && templateId.equals(r.templateId)
        && Objects.equals(text, r.text)
        && problems.equals(r.problems)
        && defaultsUsed.equals(r.defaultsUsed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(templateId, text, problems, defaultsUsed);
  }

  /** Names the template, the length and the problems; the text (personal data) is not printed. */
  @Override
  public String toString() {
    return isRendered()
        ? "RenderResult{template=" + templateId + ", " + length + '}'
        : "RenderResult{template=" + templateId + ", problems=" + describeProblems() + '}';
  }
}
